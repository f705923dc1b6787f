using MassGen.Core.Coordination;
using MassGen.Core.Coordination.Internal;
using MassGen.Core.Teams;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MassGen.Server.Tests;

/// <summary>
/// The web view in a real Chromium (Playwright) against a real server and real orchestrators with scripted agents:
/// barriers decide when each agent moves on, the browser's auto-waiting expectations see the page follow. Screenshots
/// go to <c>artifacts/webview/</c> under the test output folder.
/// </summary>
public sealed class WebViewBrowserTests
{
    private const string Presented = "The answer is **4**.\n\n| left | right |\n|---|---|\n| 2 | 2 |\n\n<script>window.pwned = true</script>\n\n[a link](javascript:window.pwned=true)";

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "webview");

    // Each expectation waits for the page to follow a run; on a busy machine Chromium and the server share two cores.
    static WebViewBrowserTests() => SetDefaultExpectTimeout(TestTimeouts.Default);

    [ChromiumFact]
    public async Task WebView_LiveScriptedRun_ColumnsFillVotesAppearAndTheAnswerIsRenderedSafely()
    {
        var time = new FakeTimeProvider();
        var team = ScriptedTeam.Create(2, time);
        var labels = LabelAssignment.Assign(2, 5);
        var gate = new TaskCompletionSource();
        team.Script(team.Ids[0], Script.Respond().Text("Counting: two and two.").WaitFor(gate.Task).NewAnswer("Four: 2 + 2.").Usage(100, 10), Script.VoteFor(labels[0], "clear and correct").Usage(50, 5), Script.Say(Presented).Usage(60, 30));
        team.Script(team.Ids[1], Script.Respond().WaitFor(gate.Task).NewAnswer("4").Usage(100, 10), Script.VoteFor(labels[0], "shows the sum").Usage(50, 5));
        var client = new TeamChatClient("scripted", team.Agents, new OrchestratorOptions { Seed = 5 }, time);
        await using var harness = await ServerHarness.StartAsync(client, o => Rename(o, "scripted"));
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(harness.Server.BaseAddress.ToString());
        await page.GetByLabel("Team").SelectOptionAsync("scripted");
        await page.GetByLabel("Question or task").FillAsync("What is 2 + 2?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start run" }).ClickAsync();

        // Live: the page is on the run, both agents have their column, the first one's text streams in.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/runs/"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("What is 2 + 2?");
        var leader = page.Locator($"[data-testid=agent][data-label={labels[0]}]");
        await Expect(page.GetByTestId("agent")).ToHaveCountAsync(2);
        await Expect(leader.GetByTestId("agent-text")).ToHaveTextAsync("Counting: two and two.");
        await Expect(leader.Locator(".status")).ToContainTextAsync("working");
        await Expect(page.GetByTestId("run-status")).ToContainTextAsync("live");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "1-live-run.png"), FullPage = true });

        gate.SetResult();

        await Expect(page.GetByTestId("answers")).ToContainTextAsync("Four: 2 + 2.");
        await Expect(page.GetByTestId("votes")).ToContainTextAsync("clear and correct");
        await Expect(page.GetByTestId("votes")).ToContainTextAsync("shows the sum");
        await Expect(page.GetByTestId("run-status")).ToContainTextAsync("finished: consensus");
        var rendered = page.GetByTestId("final-rendered");
        await Expect(rendered.Locator("strong")).ToHaveTextAsync("4");
        await Expect(rendered.Locator("table td").First).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("run-usage")).ToContainTextAsync("420 tokens (360 in, 60 out)");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync($"{labels[0]} wins");

        // The model's script tag is text on the page, never an element, and the javascript: link lost its target.
        await Expect(rendered).ToContainTextAsync("<script>window.pwned = true</script>");
        await Expect(rendered.Locator("script")).ToHaveCountAsync(0);
        Assert.Null(await rendered.Locator("a").First.GetAttributeAsync("href"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "2-finished-run.png"), FullPage = true });

        // Phone-sized: one column, nothing wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        await Expect(page.GetByTestId("final-rendered")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "3-finished-run-phone.png"), FullPage = true });
    }

    [ChromiumFact]
    public async Task WebView_AnswerNowPressed_CoordinationStopsAndTheBestAnswerIsPresented()
    {
        var time = new FakeTimeProvider();
        var team = ScriptedTeam.Create(2, time);
        // The leader answers and then deliberates forever; its peer never finishes: only "answer now" ends this run.
        team.Script(team.Ids[0], Script.Answer("Best so far: 42.").Usage(10, 1), Script.Respond().Text("Still thinking").HangUntilCancelled(), Script.Say("Presented now: **42**.").Usage(10, 2));
        team.Script(team.Ids[1], Script.Respond().Text("Working on it").HangUntilCancelled(), Script.Respond().HangUntilCancelled());
        var client = new TeamChatClient("slow", team.Agents, new OrchestratorOptions { Seed = 5, DeferVotingUntilAllAnswered = false }, time);
        await using var harness = await ServerHarness.StartAsync(client, o => Rename(o, "slow"));
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(harness.Server.BaseAddress.ToString());
        await page.GetByLabel("Question or task").FillAsync("What is the answer?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start run" }).ClickAsync();
        await Expect(page.GetByTestId("answers")).ToContainTextAsync("Best so far: 42.");
        await Expect(page.GetByTestId("run-status")).ToContainTextAsync("live");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "4-before-answer-now.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Answer now" }).ClickAsync();

        await Expect(page.GetByTestId("run-status")).ToContainTextAsync("finished: answer now");
        await Expect(page.GetByTestId("final-rendered")).ToContainTextAsync("Presented now: 42.");
        await Expect(page.GetByTestId("final-rendered").Locator("strong")).ToHaveTextAsync("42");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("turn 2 cancelled");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "5-after-answer-now.png"), FullPage = true });
    }

    private static MassGenServerOptions Rename(MassGenServerOptions options, string name) => new()
    {
        Teams = new Dictionary<string, IChatClient> { [name] = options.Teams.Values.Single() },
        Port = 0,
    };
}
