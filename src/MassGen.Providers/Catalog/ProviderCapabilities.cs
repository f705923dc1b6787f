namespace MassGen.Providers.Catalog;

/// <summary>What a backend type can do (PROVIDERS.md, "Built-in tools and capabilities").</summary>
[Flags]
public enum ProviderCapabilities
{
    /// <summary>Nothing beyond plain text.</summary>
    None = 0,

    /// <summary>A provider-run web search tool (<c>enable_web_search</c>).</summary>
    WebSearch = 1,

    /// <summary>A provider-run code execution tool (<c>enable_code_execution</c>).</summary>
    CodeExecution = 2,

    /// <summary>A provider-run code interpreter (<c>enable_code_interpreter</c>).</summary>
    CodeInterpreter = 4,

    /// <summary>Function tools (MCP, workspace and decision tools) through native tool calls.</summary>
    FunctionTools = 8,

    /// <summary>Streams reasoning (or reasoning summaries).</summary>
    ReasoningStream = 16,
}
