// TEST ONLY, never part of the product: shifts the wall clock of the Node process
// it is loaded into by WARROOM_TEST_CLOCK_OFFSET_MS (negative: behind), as on a
// machine whose clock is wrong. The end-to-end suite loads it into a server it
// spawns with NODE_OPTIONS="--require <this file>"; Date.now is the clock the
// stores check the clock bound against and answer exchanges with.
'use strict';

const offset = Number(process.env.WARROOM_TEST_CLOCK_OFFSET_MS ?? '0');
if (!Number.isFinite(offset)) {
  throw new Error(
    `WARROOM_TEST_CLOCK_OFFSET_MS must be a number of ms, not "${process.env.WARROOM_TEST_CLOCK_OFFSET_MS}"`,
  );
}
const realNow = Date.now;
Date.now = () => realNow() + offset;
