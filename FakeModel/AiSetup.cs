using Microsoft.Extensions.Options;

namespace ChatFake.FakeModel;

public static class AiSetup
{
    public static IServiceCollection AddChatFakeAi(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<AiOptions>()
            .Bind(config)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AiOptions>, AiOptionsValidator>();
        services.AddSingleton<FakeAi>();
        return services;
    }

    sealed class AiOptionsValidator : IValidateOptions<AiOptions>
    {
        public ValidateOptionsResult Validate(string? name, AiOptions options)
        {
            var problems = options.Validate().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
