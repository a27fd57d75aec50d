// Entry of `npm run hub` (out/main/hub.js).
import { main } from './hub-cli';

void main(process.argv.slice(2));
