// The `yaml` library's ES module build (the one its package.json serves browsers),
// which the bundles ship (scripts/build.mjs), the tests compile in
// (scripts/compile-tests.mjs) and the bench floor parses with (bench/floor.mjs).
// Same code as its Node build, but the Node build reads process.env.LOG_TOKENS /
// LOG_STREAM once per token (a native environment lookup: ~8% of parsing), and its
// CommonJS exports reach a bundle through getters.
import { fileURLToPath } from 'node:url';

export const YAML_ESM_PATH = fileURLToPath(new URL('../node_modules/yaml/browser/index.js', import.meta.url));
