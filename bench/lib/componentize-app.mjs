// Child process: componentizes one JS app with ComponentizeJS 0.23 and a chosen `wizerBin`.
// Run with the app's folder as the working directory, as a user of ComponentizeJS would.
// Usage: componentize-app.mjs <source.js> <world.wit> <world-name> <wizer-bin> <out.component.wasm>
import { writeFileSync } from 'node:fs';
import { componentize } from '@bytecodealliance/componentize-js';

const [sourcePath, witPath, worldName, wizerBin, outPath] = process.argv.slice(2);
const { component } = await componentize({ sourcePath, witPath, worldName, wizerBin });
writeFileSync(outPath, component);
