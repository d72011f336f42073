using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;
var isDevelopment = builder.Environment.IsDevelopment();

builder.WebHost.ConfigureKestrel((host, kestrel) => kestrel.ListenAnyIP(host.Configuration.GetValue("PORT", 3000)));

builder.Services
    .AddChatFakeData(config)
    .AddChatFakeAuth(config, isDevelopment)
    .AddChatFakeCors(config, isDevelopment)
    .AddFastEndpoints()
    .AddChatFakeOpenApi();

var app = builder.Build();

app.UseErrorEnvelopes();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseFastEndpoints(c =>
{
    c.Errors.StatusCode = StatusCodes.Status400BadRequest;
    c.Errors.ResponseBuilder = ErrorResponses.FromValidation;
    c.Errors.ContentType = "application/json";
    c.Errors.ProducesMetadataType = typeof(ErrorEnvelope);
    c.Binding.JsonExceptionTransformer = ErrorResponses.FromJsonException;
});
app.UseChatFakeOpenApi();

app.OpenChatFakeData();
app.Run();

public partial class Program;
