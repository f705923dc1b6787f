// Drives two `massgen serve --cluster` nodes with the official OpenAI JavaScript client: one completion through each
// node, then each node's run list. Prints one JSON object with what it saw.
// Arguments: the OpenAI package's entry file, the first node's base URL, the second node's base URL.
import { pathToFileURL } from "node:url";

const [packageEntry, ...baseURLs] = process.argv.slice(2);
const { default: OpenAI } = await import(pathToFileURL(packageEntry).href);
const out = { runs: [], listed: [] };

for (const [i, baseURL] of baseURLs.entries()) {
  const client = new OpenAI({ apiKey: "any-token", baseURL, maxRetries: 0 });
  const { data: completion, response } = await client.chat.completions
    .create({ model: "team", messages: [{ role: "user", content: `Question ${i + 1} through node ${i + 1}?` }] })
    .withResponse();
  out.runs.push({ text: completion.choices[0].message.content, runId: response.headers.get("x-massgen-run-id") });
}

for (const baseURL of baseURLs) {
  const listing = await (await fetch(`${baseURL}/runs`)).json();
  out.listed.push(listing.data.map((run) => ({ id: run.id, status: run.status, question: run.question })));
}

console.log(JSON.stringify(out));
