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
        services.AddOptions<ReplyRulesOptions>()
            .Bind(config)
            .PostConfigure(rules => rules.Load())
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReplyRulesOptions>, ReplyRulesValidator>();
        services.AddSingleton<FakeAi>();
        services.AddSingleton<ScriptedReplies>();
        return services;
    }

    sealed class ReplyRulesValidator : IValidateOptions<ReplyRulesOptions>
    {
        public ValidateOptionsResult Validate(string? name, ReplyRulesOptions options) =>
            options.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Problems);
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
