namespace MassGen.Configuration.Tests;

/// <summary>A value of the wrong shape anywhere is an error with its path, never an exception.</summary>
public sealed class MalformedShapeTests
{
    [Theory]
    [InlineData("agents: { a: 1 }", "agents (line 1): must be a list of agents (each item starting with '- '); got a mapping")]
    [InlineData("agents: [ 1 ]", "agents[0] (line 1): must be an agent (a mapping with id, system_message and backend); got the number 1")]
    [InlineData("agent: openai", "agent (line 1): must be an agent (a mapping with id, system_message and backend); got the string 'openai'")]
    [InlineData("agents: [ { id: [1], backend: { type: openai } } ]", "agents[0].id (line 1): must be a string; got a list")]
    [InlineData("agents: [ { system_message: { a: 1 }, backend: { type: openai } } ]", "agents[0].system_message (line 1): must be a string; got a mapping")]
    [InlineData("agents: [ { backend: [ openai ] } ]", "agents[0].backend (line 1): must be a mapping (key: value lines); got a list")]
    [InlineData("agents: [ { backend: { type: [openai] } } ]", "agents[0].backend.type (line 1): must be a string; got a list")]
    [InlineData("agents: [ { backend: { type: openai, model: { a: 1 } } } ]", "agents[0].backend.model (line 1): must be a string; got a mapping")]
    [InlineData("agents: [ { backend: { type: openai, mcp_servers: [ 5 ] } } ]", "agents[0].backend.mcp_servers[0] (line 1): must be a server (a mapping with name, type and command or url); got the number 5")]
    [InlineData("agents: [ { backend: { type: openai, mcp_servers: { files: 5 } } } ]", "agents[0].backend.mcp_servers.files (line 1): must be a server (a mapping with name, type and command or url); got the number 5")]
    [InlineData("agents: [ { backend: { type: openai, mcp_servers: [ { name: f, command: npx, env: [1] } ] } } ]", "agents[0].backend.mcp_servers[0].env (line 1): must be a mapping of names to values; got a list")]
    [InlineData("agents: [ { backend: { type: openai, mcp_servers: [ { name: f, command: npx, args: { a: 1 } } ] } } ]", "agents[0].backend.mcp_servers[0].args (line 1): must be a list; got a mapping")]
    [InlineData("agents: [ { backend: { type: openai, mcp_servers: [ { name: f, url: \"http://x\", headers: { A: [1] } } ] } } ]", "agents[0].backend.mcp_servers[0].headers.A (line 1): must be a string; got a list")]
    [InlineData("agents: [ { backend: { type: openai, context_paths: { path: x } } } ]", "agents[0].backend.context_paths (line 1): must be a list of {path, permission, protected_paths} entries; got a mapping")]
    [InlineData("agents: [ { backend: { type: openai, context_paths: [ x ] } } ]", "agents[0].backend.context_paths[0] (line 1): must be a mapping with path and permission; got the string 'x'")]
    [InlineData("agents: [ { backend: { type: openai, price: 5 } } ]", "agents[0].backend.price (line 1): must be a mapping (key: value lines); got the number 5")]
    [InlineData("agents: [ { backend: { type: openai, price: { input_per_million: 1 } } } ]", "agents[0].backend.price.output_per_million (line 1): missing; a price needs input_per_million and output_per_million (USD per million tokens)")]
    [InlineData("agents: [ { backend: { type: openai, command_line_blocked_commands: [ \"(\" ] } } ]", "agents[0].backend.command_line_blocked_commands[0] (line 1): not a valid regular expression: Invalid pattern '(' at offset 1. Not enough )'s.")]
    [InlineData("agents: [ { backend: { type: openai, max_tokens: 1.5 } } ]", "agents[0].backend.max_tokens (line 1): must be a whole number; got 1.5")]
    [InlineData("orchestrator: []", "orchestrator (line 1): must be a mapping (key: value lines); got a list")]
    [InlineData("orchestrator: { coordination: 5 }", "orchestrator.coordination (line 1): must be a mapping (key: value lines); got the number 5")]
    [InlineData("ui: 5", "ui (line 1): must be a mapping (key: value lines); got the number 5")]
    [InlineData("budget: { max_cost_usd: free }", "budget.max_cost_usd (line 1): must be a number; got the string 'free'")]
    [InlineData("timeout_settings: { orchestrator_timeout: 5 }", "timeout_settings.orchestrator_timeout (line 1): unknown key 'orchestrator_timeout'; did you mean 'orchestrator_timeout_seconds'?")]
    [InlineData("session_id: [1]", "session_id (line 1): must be a string; got a list")]
    public void LoadText_WrongShape_IsReportedNotThrown(string extra, string expected)
    {
        var yaml = extra.StartsWith("agent", StringComparison.Ordinal) ? extra : "agents: [ { backend: { type: claude } } ]\n" + extra;

        var result = ConfigTestHelper.Load(yaml);

        Assert.Contains(expected.Replace("(line 1)", extra.StartsWith("agent", StringComparison.Ordinal) ? "(line 1)" : "(line 2)", StringComparison.Ordinal),
            ConfigTestHelper.ErrorLines(result));
        Assert.Null(result.Config);
    }
}
