using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MassGen.Server.Endpoints;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>: the served teams, in OpenAI's model list format.</summary>
internal sealed class ModelsEndpoint(MassGenServerOptions options, long startedAt)
{
    public IResult List() => Results.Json(new JsonObject
    {
        ["object"] = "list",
        ["data"] = new JsonArray([.. options.Teams.Keys.Order(StringComparer.Ordinal).Select(name => (JsonNode)Model(name))]),
    });

    public IResult Get(string id) => options.Teams.ContainsKey(id) ? Results.Json(Model(id)) : OpenAiError.ModelNotFound(id);

    private JsonObject Model(string name) => new() { ["id"] = name, ["object"] = "model", ["created"] = startedAt, ["owned_by"] = "massgen" };
}
