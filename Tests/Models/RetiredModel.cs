using ChatFake.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Models;

/// <summary>An inactive model. No route retires a model, so tests arrange one in the database.</summary>
public static class RetiredModel
{
    public const string Id = "gpt-2-retired";

    public static void EnsureIn(App app) => app.Services.GetRequiredService<ModelCatalog>().Write(models => models.Upsert(new ModelDoc
    {
        Id = Id, Name = "GPT-2 (retired)", Provider = "OpenAI", ContextLimit = 1024, PricingPer1kTokens = "0.001", IsActive = 0,
    }));
}
