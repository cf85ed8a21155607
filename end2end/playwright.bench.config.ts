// The browser benchmarks (scripts/bench.sh): the same server and Chromium as the tests, one worker, figures printed.
import base from "./playwright.config";
import { defineConfig } from "@playwright/test";

export default defineConfig({ ...base, testDir: "./bench", testMatch: "**/*.bench.ts", timeout: 180_000 });
