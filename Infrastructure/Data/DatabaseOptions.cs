using Microsoft.Extensions.Configuration;

namespace ChatFake.Infrastructure.Data;

public sealed class DatabaseOptions
{
    [ConfigurationKeyName("DATABASE_PATH")]
    public string Path { get; set; } = "./data/chatfake.db";
}
