using NJsonSchema;
using NJsonSchema.CodeGeneration;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace ChatFake.Generator;

/// <summary>
/// The C# client of an OpenAPI document: one <c>ChatFakeClient</c> class whose methods are the
/// operation ids (<c>AuthRegisterAsync</c>, <c>GroupsCreateAsync</c>...), System.Text.Json models
/// with the wire names, and <c>ChatFakeApiException&lt;ErrorEnvelope&gt;</c> for error answers.
/// The tests compile the same code to check that the committed client is up to date.
/// </summary>
public static class ClientCode
{
    public static async Task<string> FromDocumentAsync(string documentJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(documentJson);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "ChatFakeClient",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            ExceptionClass = "ChatFakeApiException",
            // The HttpClient's BaseAddress says where the app runs.
            UseBaseUrl = false,
            CSharpGeneratorSettings =
            {
                Namespace = "ChatFake.Client",
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
                GenerateNullableReferenceTypes = true,
                GenerateOptionalPropertiesAsNullable = true,
                GenerateDataAnnotations = false,
                PropertyNameGenerator = new PascalCaseProperties(),
            },
        };
        return new CSharpClientGenerator(document, settings).GenerateFile().ReplaceLineEndings("\n");
    }

    /// <summary><c>created_at</c> → <c>CreatedAt</c>, <c>totalPages</c> → <c>TotalPages</c>.</summary>
    sealed class PascalCaseProperties : IPropertyNameGenerator
    {
        public string Generate(JsonSchemaProperty property) => string.Concat(
            property.Name.Split('_', '-').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }
}
