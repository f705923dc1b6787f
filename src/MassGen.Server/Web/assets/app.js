// The MassGen web view: the runs list with a new-run form, and a run page fed by the run's server-sent events (the
// same events the terminal view draws). Model text is only ever set as text; the final answer's HTML comes from the
// server's sanitizing markdown renderer.
"use strict";

(() => {
  const app = document.getElementById("app");

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  async function api(path, options) {
    const response = await fetch(path, Object.assign({ credentials: "same-origin" }, options || {}));
    if (response.status === 401) {
      showLogin();
      throw new Error("the server wants its API key");
    }
    return response;
  }

  function postJson(path, body) {
    return api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  }

  async function errorText(response) {
    try {
      const body = await response.json();
      return (body.error && body.error.message) || response.statusText;
    } catch {
      return response.statusText;
    }
  }

  function showLogin() {
    app.replaceChildren(
      el("h1", { text: "API key needed" }),
      el("p", { text: "This server was started with an API key. Enter it to use the web view (it is kept in a cookie for this site only)." }),
      el("form", { class: "new-run", onsubmit: async (e) => {
        e.preventDefault();
        const key = e.target.elements.key.value;
        const response = await fetch("/v1/web-login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ key }) });
        if (response.ok) location.reload();
        else e.target.querySelector(".error").textContent = "✗ " + await errorText(response);
      } },
        el("label", { for: "key", text: "API key" }),
        el("input", { id: "key", name: "key", type: "password", autocomplete: "current-password" }),
        el("button", { type: "submit", text: "Enter" }),
        el("p", { class: "error", role: "alert" })));
  }

  // ---- the runs list -------------------------------------------------------------------------------------------

  const statusWords = { live: "● live", finished: "✓ finished", incomplete: "⚠ incomplete (no result)", failed: "✗ failed" };

  async function showRuns() {
    document.title = "MassGen runs";
    const select = el("select", { id: "model", name: "model", required: "required" });
    const task = el("textarea", { id: "task", name: "task", required: "required", placeholder: "The question or task for the team" });
    const problem = el("p", { class: "error", role: "alert" });
    const start = el("button", { type: "submit", text: "Start run" });
    const form = el("form", { class: "new-run", "aria-label": "New run", onsubmit: async (e) => {
      e.preventDefault();
      start.disabled = true;
      problem.textContent = "";
      try {
        const response = await postJson("/v1/runs", { model: select.value, task: task.value });
        if (response.status === 201) {
          const run = await response.json();
          location.assign("/runs/" + encodeURIComponent(run.id));
          return;
        }
        problem.textContent = "✗ " + await errorText(response);
      } catch (error) {
        problem.textContent = "✗ " + error.message;
      }
      start.disabled = false;
    } },
      el("h2", { text: "New run" }),
      el("label", { for: "model", text: "Team" }), select,
      el("label", { for: "task", text: "Question or task" }), task,
      start, problem);
    const list = el("ul", { class: "runs", "data-testid": "runs" });
    app.replaceChildren(el("h1", { text: "Runs" }), form, el("h2", { text: "Live and past runs" }), list);

    try {
      const models = await (await api("/v1/models")).json();
      for (const model of models.data) select.append(el("option", { value: model.id, text: model.id }));
    } catch (error) {
      problem.textContent = "✗ " + error.message;
    }

    const refresh = async () => {
      const runs = await (await api("/v1/runs")).json();
      list.replaceChildren(...runs.data.map((run) => el("li", {},
        el("span", { class: "status " + (run.status === "live" ? "" : run.status === "finished" ? "done" : "failed"), text: statusWords[run.status] || run.status }),
        " ",
        el("a", { href: "/runs/" + encodeURIComponent(run.id), text: run.question || run.id }),
        el("div", { class: "muted", text: [run.id, run.model, run.started_at, run.termination_reason && ("ended: " + run.termination_reason.replaceAll("_", " "))].filter(Boolean).join(" · ") }))));
      if (runs.data.length === 0) list.append(el("li", { class: "muted", text: "No runs yet." }));
    };
    await refresh();
    setInterval(() => refresh().catch(() => {}), 3000);
  }

  // ---- one run -------------------------------------------------------------------------------------------------

  function tokens(usage) {
    if (!usage) return "0 tokens";
    const total = (usage.input_tokens || 0) + (usage.output_tokens || 0);
    const cost = usage.cost_usd === null || usage.cost_usd === undefined ? "cost unknown" : "$" + Number(usage.cost_usd).toFixed(4);
    return `${total} tokens (${usage.input_tokens || 0} in, ${usage.output_tokens || 0} out) · ${cost}`;
  }

  function words(value) {
    return String(value || "").replaceAll("_", " ");
  }

  function showRun(id) {
    const view = createRunView(id);
    const source = new EventSource("/v1/runs/" + encodeURIComponent(id) + "/events");
    const handlers = view.handlers;
    for (const type of Object.keys(handlers)) {
      source.addEventListener(type, (message) => {
        const data = JSON.parse(message.data);
        view.timeline(type, data);
        handlers[type](data);
        if (type === "run_finished") source.close();
      });
    }
    source.addEventListener("error", () => {
      // The stream ends after run_finished; anything else (a server gone, a run cut short in its log) is said plainly.
      source.close();
      if (!view.finished) view.setStatus("⚠ the event stream ended before the run finished (reload to try again)", "failed");
    });
  }

  function createRunView(id) {
    document.title = "MassGen run " + id;
    const title = el("h1", { text: "Run " + id });
    const status = el("span", { class: "status", "data-testid": "run-status", text: "… connecting" });
    const usage = el("span", { "data-testid": "run-usage", text: "0 tokens" });
    const answerNow = el("button", { type: "button", "data-testid": "answer-now", text: "⏩ Answer now", title: "Stop coordinating and have the best answer so far presented" });
    const agentsBox = el("div", { class: "agents", "data-testid": "agents" });
    const answers = el("ol", { "data-testid": "answers" });
    const votesBody = el("tbody");
    const votes = el("table", { class: "votes", "data-testid": "votes" }, el("thead", {}, el("tr", {}, el("th", { text: "Voter" }), el("th", { text: "Voted for" }), el("th", { text: "Reason" }), el("th", { text: "State" }))), votesBody);
    const timeline = el("ol", { class: "timeline", "data-testid": "timeline" });
    const finalHeading = el("h2", { text: "Final answer" });
    const finalBody = el("div", { id: "final-answer", "data-testid": "final-answer" }, el("p", { class: "muted", text: "Not yet: the agents are still working." }));
    app.replaceChildren(
      title,
      el("div", { class: "summary" }, status, usage, answerNow),
      el("h2", { text: "Agents" }), agentsBox,
      finalHeading, finalBody,
      el("h2", { text: "Answers and revisions" }), answers,
      el("h2", { text: "Votes" }), votes,
      el("h2", { text: "Timeline" }), timeline);

    const agents = new Map();
    const voteRows = new Map();
    const toolItems = new Map();
    let startedAt = null;
    let streaming = null;
    const view = { finished: false, handlers: {} };

    view.setStatus = (text, kind) => {
      status.textContent = text;
      status.className = "status " + (kind || "");
    };

    answerNow.addEventListener("click", async () => {
      answerNow.disabled = true;
      const response = await api("/v1/runs/" + encodeURIComponent(id) + "/answer-now", { method: "POST" });
      if (response.status === 202) {
        answerNow.textContent = "⏩ Answer now requested";
        if (!view.finished) view.setStatus("⏩ answer now requested: the best answer so far will be presented");
      } else {
        answerNow.textContent = "Answer now: " + await errorText(response);
      }
    });

    function agent(agentId) {
      if (!agents.has(agentId)) addAgent(agentId, agentId, null);
      return agents.get(agentId);
    }

    function addAgent(agentId, label, model) {
      const state = {
        label,
        status: el("span", { class: "status", text: "○ waiting" }),
        name: el("h3", { text: label }),
        model: el("div", { class: "muted", text: model || "" }),
        tools: el("ul", { "aria-label": "Tool calls" }),
        answers: el("ol", { "aria-label": "Answers" }),
        vote: el("p", { class: "vote" }),
        usage: el("div", { class: "muted", text: "0 tokens" }),
        text: el("div", { class: "text", "data-testid": "agent-text" }),
        total: null,
      };
      state.box = el("section", { class: "agent", "data-testid": "agent", "data-label": label, "aria-label": "Agent " + label },
        el("header", {}, state.name, state.status), state.model, state.usage, state.answers, state.vote, state.tools, state.text);
      agents.set(agentId, state);
      agentsBox.append(state.box);
    }

    function setAgentStatus(state, text, kind) {
      state.status.textContent = text;
      state.status.className = "status " + (kind || "");
    }

    function voteRow(voter, target, reason, state) {
      return el("tr", {},
        el("td", { "data-label": "Voter", text: voter }),
        el("td", { "data-label": "Voted for", text: target }),
        el("td", { "data-label": "Reason", text: reason }),
        el("td", { "data-label": "State", text: state }));
    }

    function labelOf(agentId) {
      return agents.has(agentId) ? agents.get(agentId).label : agentId;
    }

    function totals() {
      const sum = { input_tokens: 0, output_tokens: 0, cost_usd: 0 };
      let costKnown = true;
      for (const state of agents.values()) {
        if (!state.total) continue;
        sum.input_tokens += state.total.input_tokens || 0;
        sum.output_tokens += state.total.output_tokens || 0;
        if (state.total.cost_usd === null || state.total.cost_usd === undefined) costKnown = false;
        else sum.cost_usd += Number(state.total.cost_usd);
      }
      if (!costKnown) sum.cost_usd = null;
      return sum;
    }

    const line = {
      run_started: () => "run started",
      turn_started: (e) => `${e.label} starts turn ${e.turn_number} (${words(e.kind)})`,
      answer_accepted: (e) => `✎ ${e.label} gives answer ${e.label}.${e.answer_number} (revision ${e.revision})`,
      decision_rejected: (e) => `✗ ${e.label}'s decision refused: ${e.message}`,
      vote_counted: (e) => `☑ ${e.voter_label} votes for ${e.target_label}: ${e.reason}`,
      vote_discarded: (e) => `☒ ${e.voter_label}'s vote for ${e.target_label} discarded (stale)`,
      votes_cleared: (e) => `votes cleared: a new answer (revision ${e.revision})`,
      turn_cancelled: (e) => `■ ${labelOf(e.agent_id)}'s turn ${e.turn_number} cancelled: ${e.reason}`,
      turn_failed: (e) => `✗ ${labelOf(e.agent_id)}'s turn ${e.turn_number} failed: ${e.error}`,
      agent_retrying: (e) => `↻ ${labelOf(e.agent_id)} retries (try ${e.next_try})`,
      agent_failed: (e) => `✗ ${e.label} failed: ${e.error}`,
      agent_timed_out: (e) => `⏱ ${labelOf(e.agent_id)} timed out`,
      tool_call_started: (e) => `⚙ ${labelOf(e.agent_id)} calls ${e.tool_name}`,
      tool_notice: (e) => `! ${labelOf(e.agent_id)} (${e.source}): ${e.message}`,
      wrap_up_started: (e) => `time is nearly up: ${e.reason}`,
      voting_deferred: (e) => `${e.label} waits for ${e.pending_first_answers} first answer(s) before voting`,
      consensus_reached: (e) => `★ ${e.winner_label} wins (${words(e.reason)}${e.tie_broken ? ", tie broken" : ""})`,
      presentation_started: (e) => `✍ ${e.label} presents the final answer`,
      presentation_finished: (e) => `presentation: ${words(e.outcome)}${e.detail ? " — " + e.detail : ""}`,
      orchestration_restarting: (e) => `↻ restarting (attempt ${e.next_attempt}): ${e.reason}`,
      round_started: (e) => `◆ round ${e.round}: ${e.groups} group(s), ${e.agents} agents${e.is_final ? " (final)" : ""}`,
      group_formed: (e) => `group ${e.group}: ${e.agent_ids.map(labelOf).join(", ")}${e.starts_from_answers ? " (from their winning answers)" : ""}`,
      group_converged: (e) => `★ group ${e.group}: ${labelOf(e.winner_id)} wins (${words(e.reason)})`,
      group_failed: (e) => `✗ group ${e.group} has no winner: ${words(e.reason)}${e.detail ? " — " + e.detail : ""}`,
      run_finished: (e) => `✓ run finished: ${words(e.result.termination_reason)}${e.result.topology ? " · winning path " + e.result.topology.winning_path.join(" → ") : ""}`,
    };

    view.timeline = (type, e) => {
      if (!line[type]) return;
      if (startedAt === null) startedAt = Date.parse(e.timestamp);
      const seconds = ((Date.parse(e.timestamp) - startedAt) / 1000).toFixed(1);
      timeline.append(el("li", {}, el("span", { class: "muted", text: `+${seconds} s ` }), line[type](e)));
    };

    const h = view.handlers;
    h.run_started = (e) => {
      title.textContent = e.task;
      document.title = "MassGen: " + e.task.slice(0, 60);
      view.setStatus("▶ live: coordinating");
      for (const a of e.agents) addAgent(a.agent_id, a.label, a.model);
    };
    h.turn_started = (e) => {
      const state = agent(e.agent_id);
      const kind = e.kind === "coordination" ? "" : " (" + words(e.kind) + ")";
      setAgentStatus(state, `▶ working: turn ${e.turn_number}${kind}`);
      state.text.textContent = "";
    };
    h.text_delta = (e) => { agent(e.agent_id).text.append(e.text); };
    h.reasoning_delta = () => {};
    h.tool_call_started = (e) => {
      const item = el("li", { text: `⚙ ${e.tool_name} … running` });
      toolItems.set(e.call_id, item);
      agent(e.agent_id).tools.append(item);
    };
    h.tool_call_finished = (e) => {
      const item = toolItems.get(e.call_id) || agent(e.agent_id).tools.appendChild(el("li"));
      item.textContent = `⚙ ${e.tool_name}: ${words(e.outcome)}${e.result_preview ? " — " + e.result_preview.slice(0, 200) : ""}`;
    };
    h.tool_notice = () => {};
    h.answer_accepted = (e) => {
      const state = agent(e.agent_id);
      setAgentStatus(state, `✎ answered (${e.label}.${e.answer_number})`);
      state.answers.append(el("li", { text: `answer ${e.label}.${e.answer_number}, revision ${e.revision}` }));
      answers.append(el("li", {}, el("strong", { text: `${e.label}.${e.answer_number} (revision ${e.revision}) ` }), el("div", { class: "answer-text", text: e.content })));
    };
    h.decision_rejected = () => {};
    h.vote_counted = (e) => {
      const state = agent(e.voter_id);
      setAgentStatus(state, `☑ voted for ${e.target_label}`, "done");
      state.vote.textContent = `☑ vote: ${e.target_label}, "${e.reason}"`;
      const row = voteRow(e.voter_label, e.target_label, e.reason, "counted");
      if (voteRows.has(e.voter_id)) voteRows.get(e.voter_id).lastChild.textContent = "replaced";
      voteRows.set(e.voter_id, row);
      votesBody.append(row);
    };
    h.vote_discarded = (e) => {
      votesBody.append(voteRow(e.voter_label, e.target_label, e.reason, `discarded (cast on revision ${e.cast_on_revision})`));
    };
    h.votes_cleared = (e) => {
      for (const voterId of e.voter_ids) {
        if (voteRows.has(voterId)) voteRows.get(voterId).lastChild.textContent = "cleared by a new answer";
        voteRows.delete(voterId);
        if (agents.has(voterId)) agents.get(voterId).vote.textContent = "";
      }
    };
    h.turn_cancelled = (e) => setAgentStatus(agent(e.agent_id), "■ turn cancelled");
    h.turn_failed = (e) => setAgentStatus(agent(e.agent_id), `✗ turn failed: ${e.error}`, "failed");
    h.agent_retrying = (e) => setAgentStatus(agent(e.agent_id), `↻ retrying (try ${e.next_try})`);
    h.agent_failed = (e) => setAgentStatus(agent(e.agent_id), `✗ failed: ${e.error}`, "failed");
    h.agent_timed_out = (e) => setAgentStatus(agent(e.agent_id), "⏱ timed out", "failed");
    h.wrap_up_started = () => view.setStatus("▶ live: wrapping up (new answers closed)");
    h.voting_deferred = (e) => setAgentStatus(agent(e.agent_id), "… waiting for first answers before voting");
    h.consensus_reached = (e) => {
      view.setStatus(`★ ${e.winner_label} wins (${words(e.reason)}); presenting`);
      for (const [agentId, state] of agents) if (agentId === e.winner_id) setAgentStatus(state, "★ winner", "done");
    };
    h.presentation_started = (e) => {
      finalHeading.textContent = `Final answer (presented by ${e.label}; streaming)`;
      streaming = el("div", { class: "streaming", "data-testid": "final-streaming" });
      finalBody.replaceChildren(streaming);
      setAgentStatus(agent(e.agent_id), "✍ presenting the final answer");
    };
    h.final_answer_delta = (e) => { if (streaming) streaming.append(e.text); };
    h.presentation_finished = () => {};
    h.usage = (e) => {
      const state = agent(e.agent_id);
      state.total = e.agent_total;
      state.usage.textContent = tokens(e.agent_total);
      usage.textContent = "Total: " + tokens(totals());
    };
    // Groups of the islands and tournament topologies: the timeline says it all; the agents' columns need nothing.
    h.round_started = () => {};
    h.group_formed = () => {};
    h.group_converged = () => {};
    h.group_failed = () => {};
    h.orchestration_restarting = (e) => view.setStatus(`↻ restarting: attempt ${e.next_attempt}`);
    h.run_finished = async (e) => {
      view.finished = true;
      const result = e.result;
      answerNow.hidden = true;
      usage.textContent = "Total: " + tokens(result.total_usage);
      const ended = words(result.termination_reason);
      view.setStatus(result.final_answer === null ? `✗ finished without an answer: ${ended}` : `✓ finished: ${ended}`, result.final_answer === null ? "failed" : "done");
      for (const state of agents.values()) if (state.status.textContent.startsWith("▶") || state.status.textContent.startsWith("✍")) setAgentStatus(state, "■ stopped");
      if (result.final_answer === null) {
        finalHeading.textContent = "Final answer";
        finalBody.replaceChildren(el("p", { class: "error", text: `✗ No final answer: ${result.termination_detail || ended}` }));
        return;
      }
      finalHeading.textContent = `Final answer (${result.winner_label ? "winner " + result.winner_label + ", " : ""}${ended}, ${words(result.presentation)})`;
      try {
        const response = await postJson("/v1/markdown", { text: result.final_answer });
        const rendered = await response.json();
        const article = el("article", { class: "markdown", "data-testid": "final-rendered" });
        // The only HTML the page takes: rendered and sanitized by the server (no raw HTML, scripts or unsafe links).
        article.innerHTML = rendered.html;
        finalBody.replaceChildren(article);
      } catch {
        finalBody.replaceChildren(el("pre", { "data-testid": "final-rendered", text: result.final_answer }));
      }
    };
    return view;
  }

  const match = location.pathname.match(/^\/runs\/([^/]+)$/);
  if (match) showRun(decodeURIComponent(match[1]));
  else showRuns().catch((error) => app.append(el("p", { class: "error", text: "✗ " + error.message })));
})();
