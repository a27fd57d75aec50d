// Entry of `npm run web` (out/main/web.js).
import { main } from './web-cli';

main(process.argv.slice(2));
