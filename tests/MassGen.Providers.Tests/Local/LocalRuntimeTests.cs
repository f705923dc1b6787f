using MassGen.Providers.Local;
using MassGen.Testing;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests.Local;

/// <summary>
/// Backend type local where llama.cpp's native libraries are absent: the agent is created, and its calls fail at once
/// (permanently, so the engine does not retry) saying what is missing, for which platform, and how to fix it.
/// </summary>
public sealed class LocalRuntimeTests : IDisposable
{
    private readonly string _programFolder = Directory.CreateTempSubdirectory("massgen-program-").FullName;

    public void Dispose() => Directory.Delete(_programFolder, recursive: true);

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Call_NativeLibrariesMissing_FailsPermanentlyNamingPlatformFolderAndFix()
    {
        // Never read: the missing runtime is found before the model file is opened.
        var model = Path.Combine(_programFolder, "model.gguf");
        await File.WriteAllTextAsync(model, "weights");
        using var models = new LlamaLocalModels(() => LocalRuntime.Describe("linux-x64", _programFolder, new DllNotFoundException("libllama.so: cannot open shared object file")));
        using var client = ProviderFactory.Create("offline", new BackendSettings("local") { Model = model }, new ProviderContext { LocalModels = models });

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var update in client.ChatClient.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hello")], client.ChatOptions))
            {
                Assert.Fail("no update should arrive: " + update);
            }
        });

        Assert.True(error.IsPermanent);
        Assert.Equal("offline", error.AgentId);
        Assert.Contains("native libraries for linux-x64", error.Message);
        Assert.Contains("were not found in " + Path.Combine(_programFolder, "runtimes", "linux-x64", "native"), error.Message);
        Assert.Contains("libllama.so: cannot open shared object file", error.Message);
        Assert.Contains("Fix: install massgen again so that the runtimes folder", error.Message);
        Assert.Contains("type: ollama", error.Message);
        Assert.IsType<LocalRuntimeUnavailableException>(error.InnerException);
    }

    [Fact]
    public void Describe_FolderPresentButNotLoading_SaysItDidNotLoad()
    {
        Directory.CreateDirectory(Path.Combine(_programFolder, "runtimes", "osx-arm64", "native"));

        var error = LocalRuntime.Describe("osx-arm64", _programFolder, null);

        Assert.Equal("osx-arm64", error.Platform);
        Assert.Contains("are there but did not load", error.Problem);
        Assert.True(error.IsPermanent);
    }

    [Fact]
    public void Describe_PlatformWithoutLlamaBuild_ListsThePlatformsThatHaveOne()
    {
        var error = LocalRuntime.Describe("linux-riscv64", _programFolder, null);

        Assert.Contains("cannot run on linux-riscv64", error.Problem);
        Assert.Contains("linux-x64, linux-arm64", error.Problem);
        Assert.Contains("osx-arm64", error.Problem);
        Assert.Contains("win-x64", error.Problem);
        Assert.Contains("OpenAI-compatible local server", error.Fix);
        Assert.DoesNotContain("runtimes", error.Message);
    }

    [Fact]
    public void Probe_ThisMachine_LoadsTheShippedLibraries() =>
        Assert.Null(LocalRuntime.Unavailable);
}
