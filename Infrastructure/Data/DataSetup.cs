using Microsoft.Extensions.Options;

namespace ChatFake.Infrastructure.Data;

public static class DataSetup
{
    public static IServiceCollection AddChatFakeData(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(config)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "DATABASE_PATH must not be empty")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Clock>();
        services.AddSingleton<ChatDb>();
        services.AddSingleton<ModelCatalog>();
        return services;
    }

    /// <summary>Opens the database (indexes, seed) before the first request is served.</summary>
    public static void OpenChatFakeData(this WebApplication app)
    {
        var db = app.Services.GetRequiredService<ChatDb>();
        var clock = app.Services.GetRequiredService<Clock>();
        var demo = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.SeedDemo;
        app.Services.GetRequiredService<ModelCatalog>().Write(models =>
        {
            SeedData.Apply(db, models, clock, demo);
            return true;
        });
        app.Logger.LogInformation("Database {DatabaseFile} open (LiteDB direct mode, journal {JournalFile})",
            db.FilePath, db.JournalPath);
    }
}
