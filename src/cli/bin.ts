import { runCli } from "./main.js";

const code = runCli(process.argv.slice(2));
if (typeof code === "number") process.exitCode = code;
else void code.then((c) => (process.exitCode = c));
