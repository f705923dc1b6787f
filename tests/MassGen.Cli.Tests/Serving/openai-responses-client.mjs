// Drives `massgen serve`'s Responses API with the official OpenAI JavaScript client: an answer, a stream followed
// through the client's own stream helper (which checks every event against the one before), and an error.
// Arguments: the OpenAI package's entry file, the base URL. Prints one JSON object with what it saw.
import { pathToFileURL } from "node:url";

const [packageEntry, baseURL] = process.argv.slice(2);
const { default: OpenAI } = await import(pathToFileURL(packageEntry).href);
const client = new OpenAI({ apiKey: "any-token", baseURL, maxRetries: 0 });
const out = {};

const { data: response, response: http } = await client.responses
  .create({ model: "team", instructions: "Be brief.", input: "What is the capital of France?" })
  .withResponse();
out.answer = {
  text: response.output_text,
  status: response.status,
  id: response.id,
  totalTokens: response.usage.total_tokens,
  runId: http.headers.get("x-massgen-run-id"),
};

const stream = client.responses.stream({ model: "team", input: [{ role: "user", content: "What is 2 + 2?" }] });
let deltas = "";
const types = [];
for await (const event of stream) {
  types.push(event.type);
  if (event.type === "response.output_text.delta") deltas += event.delta;
}
const final = await stream.finalResponse();
out.stream = { deltas, text: final.output_text, totalTokens: final.usage.total_tokens, first: types[0], last: types[types.length - 1] };

try {
  await client.responses.create({ model: "no-such-team", input: "Hi" });
  out.error = null;
} catch (error) {
  out.error = { status: error.status, code: error.code, type: error.type };
}

console.log(JSON.stringify(out));
