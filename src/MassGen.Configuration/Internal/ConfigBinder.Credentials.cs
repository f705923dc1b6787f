using MassGen.Providers;
using MassGen.Providers.Catalog;

namespace MassGen.Configuration.Internal;

/// <summary>
/// The provider rules of a backend block (type, model, endpoint, API key, built-in tools, parameters, reserved keys)
/// are the provider factory's (<see cref="ProviderFactory.Validate"/>): reported here with the file's paths and lines.
/// </summary>
internal sealed partial class ConfigBinder
{
    private IReadOnlyDictionary<string, string?>? _variables;

    private void ReportBackendProblems(SectionReader reader, BackendConfig backend)
    {
        _variables ??= environment.Variables.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        var settings = backend.ToBackendSettings();
        if (ProviderCatalog.Find(backend.Type)?.Protocol == WireProtocol.ClaudeCodeCli)
        {
            settings = settings with { ClaudeCode = new ClaudeCodeSettings { PermissionMode = backend.PermissionMode } };
        }

        foreach (var problem in ProviderFactory.Validate(settings, _variables))
        {
            // A model file or program missing on this machine says nothing about the file: the run reports it.
            if (problem.IsAboutThisMachine)
            {
                continue;
            }

            var path = ConfigPath.Key(reader.Path, problem.Key);
            var line = reader.LineOf(problem.Key.Split('.')[0]);
            if (problem.IsWarning)
            {
                problems.Warning(path, line, problem.Message);
            }
            else
            {
                problems.Error(path, line, problem.Message);
            }
        }
    }
}
