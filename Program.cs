using ChatFake.Features.Chat;
using ChatFake.FakeModel;
using ChatFake.Features.OpenAi;
using ChatFake.Features.Anthropic;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Hosting;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;
using ChatFake.Infrastructure.Protection;

if (!CommandLine.TryCreateBuilder(args, out var builder, out var exitCode)) return exitCode;
var config = builder.Configuration;
var isDevelopment = builder.Environment.IsDevelopment();

builder.AddChatFakeLogging();
builder.WebHost.ConfigureKestrel((host, kestrel) => kestrel.ListenAnyIP(host.Configuration.GetValue("PORT", 3000)));
// Thousands of clients connecting at once overflow Kestrel's default accept queue of 512, and
// each dropped SYN costs a client a retry of 1 s or more (Linux caps it at net.core.somaxconn).
builder.WebHost.UseSockets(sockets => sockets.Backlog = 4096);
// SIGTERM: requests in flight get this long to finish, then their connections are closed.
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

builder.Services
    .AddChatFakeData(config)
    .AddChatFakeAuth(config, isDevelopment)
    .AddChatFakeAi(config)
    .AddSingleton<ChatExchange>()
    .AddChatFakeCors(isDevelopment)
    .AddChatFakeProtection(config)
    .AddSingleton<IErrorShape, AnthropicErrors>()
    .AddFastEndpoints()
    .AddChatFakeOpenApi()
    .AddSingleton<IErrorShape, OpenAiErrorShape>();

var app = builder.Build();

app.UseObservability();
app.UseErrorEnvelopes();
app.UseChatFakeProtection();
app.UsePlaygroundFiles();
app.UseCors();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseBodilessRequests();
app.UseFastEndpoints(c =>
{
    c.Errors.StatusCode = StatusCodes.Status400BadRequest;
    c.Errors.ContentType = "application/json";
    c.Errors.ResponseBuilder = ErrorResponses.FromValidation;
    c.Errors.ProducesMetadataType = typeof(ErrorEnvelope);
    c.Binding.JsonExceptionTransformer = ErrorResponses.FromJsonException;
    c.Serializer.RequestDeserializer = JsonBodies.ObjectsOnly(c.Serializer);
    c.Endpoints.DescribeForOpenApi();
});
app.UseChatFakeOpenApi();

app.OpenChatFakeData();
app.Run();
return 0;

public partial class Program;
