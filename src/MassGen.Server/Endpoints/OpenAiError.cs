using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MassGen.Server.Endpoints;

/// <summary>Errors in OpenAI's format (<c>{"error": {"message", "type", "param", "code"}}</c>) with its status codes.</summary>
internal static class OpenAiError
{
    public static JsonObject Body(string message, string type, string? code, string? param = null) => new()
    {
        ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code },
    };

    public static IResult Result(int status, string message, string type, string? code, string? param = null) =>
        Results.Json(Body(message, type, code, param), statusCode: status);

    public static Task WriteAsync(HttpContext context, int status, string message, string type, string? code)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Body(message, type, code), context.RequestAborted);
    }

    public static IResult Invalid(string message, string? param = null) => Result(StatusCodes.Status400BadRequest, message, "invalid_request_error", null, param);

    public static IResult ModelNotFound(string model) =>
        Result(StatusCodes.Status404NotFound, $"The model '{model}' does not exist: the models this server has are listed at GET /v1/models.", "invalid_request_error", "model_not_found", "model");
}
