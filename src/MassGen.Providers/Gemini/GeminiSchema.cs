using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Gemini;

/// <summary>
/// Function declarations for Gemini. Its <c>parameters</c> field takes only an OpenAPI subset of JSON Schema (no
/// <c>additionalProperties</c>, <c>$schema</c>, <c>const</c>, <c>$ref</c>, type arrays…); a schema that uses more
/// goes unchanged into <c>parametersJsonSchema</c>, which takes full JSON Schema.
/// </summary>
internal static class GeminiSchema
{
    private static readonly HashSet<string> s_openApiKeys = new(StringComparer.Ordinal)
    {
        "type", "format", "title", "description", "nullable", "enum", "maxItems", "minItems", "properties", "required",
        "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf", "propertyOrdering",
        "default", "items", "minimum", "maximum",
    };

    public static GeminiFunctionDeclaration Declaration(AIFunctionDeclaration function)
    {
        var schema = function.JsonSchema;
        var declaration = new GeminiFunctionDeclaration
        {
            Name = function.Name,
            Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
        };
        if (schema.ValueKind != JsonValueKind.Object || IsEmptyObjectSchema(schema))
        {
            return declaration;
        }

        if (IsOpenApiSubset(schema))
        {
            declaration.Parameters = schema;
        }
        else
        {
            declaration.ParametersJsonSchema = schema;
        }

        return declaration;
    }

    /// <summary>True when <paramref name="schema"/> uses only what <c>parameters</c> accepts, at every depth.</summary>
    public static bool IsOpenApiSubset(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in schema.EnumerateObject())
        {
            if (!s_openApiKeys.Contains(property.Name))
            {
                return false;
            }

            var ok = property.Name switch
            {
                "type" => property.Value.ValueKind == JsonValueKind.String,
                "properties" => property.Value.ValueKind == JsonValueKind.Object && property.Value.EnumerateObject().All(p => IsOpenApiSubset(p.Value)),
                "items" => IsOpenApiSubset(property.Value),
                "anyOf" => property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().All(IsOpenApiSubset),
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    // A function without parameters is declared without a schema (an empty "properties" is refused by some models).
    private static bool IsEmptyObjectSchema(JsonElement schema) =>
        schema.EnumerateObject().All(p => p.Name is "type" or "properties" or "additionalProperties" or "$schema")
        && (!schema.TryGetProperty("properties", out var properties) || (properties.ValueKind == JsonValueKind.Object && !properties.EnumerateObject().Any()));
}
