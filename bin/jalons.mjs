#!/usr/bin/env node
// Runs the TypeScript core directly (tsx), so `npx jalons` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
