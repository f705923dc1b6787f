// Drives `massgen serve` with the official OpenAI JavaScript client; prints one JSON object with what it saw.
// Arguments: the OpenAI package's entry file, the base URL. MassGen.Cli.Tests runs it with node.
import { pathToFileURL } from "node:url";

const [packageEntry, baseURL] = process.argv.slice(2);
const { default: OpenAI } = await import(pathToFileURL(packageEntry).href);
const client = new OpenAI({ apiKey: "any-token", baseURL, maxRetries: 0 });
const out = {};

const models = await client.models.list();
out.models = models.data.map((m) => m.id);

const { data: completion, response } = await client.chat.completions
  .create({ model: "team", messages: [{ role: "user", content: "What is the capital of France?" }], temperature: 0.2 })
  .withResponse();
out.completion = {
  text: completion.choices[0].message.content,
  finish: completion.choices[0].finish_reason,
  totalTokens: completion.usage.total_tokens,
  runId: response.headers.get("x-massgen-run-id"),
  ignored: response.headers.get("x-massgen-ignored-parameters"),
};

const { data: stream, response: streamResponse } = await client.chat.completions
  .create({ model: "team", messages: [{ role: "user", content: "What is 2 + 2?" }], stream: true, stream_options: { include_usage: true }, massgen_progress: true })
  .withResponse();
let text = "";
let usage = null;
const progress = [];
for await (const chunk of stream) {
  text += chunk.choices[0]?.delta?.content ?? "";
  if (chunk.usage) usage = chunk.usage;
  if (chunk.massgen) progress.push(chunk.massgen.type);
}
out.stream = { text, totalTokens: usage?.total_tokens ?? null, runId: streamResponse.headers.get("x-massgen-run-id"), progress };

try {
  await client.chat.completions.create({ model: "no-such-team", messages: [{ role: "user", content: "Hi" }] });
  out.error = null;
} catch (error) {
  out.error = { status: error.status, code: error.code, type: error.type, message: error.message };
}

console.log(JSON.stringify(out));
