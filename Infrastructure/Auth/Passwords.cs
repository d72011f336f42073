namespace ChatFake.Infrastructure.Auth;

public static class Passwords
{
    public const int WorkFactor = 10;

    // Compared against when the email is unknown, so that a miss costs the same BCrypt work
    // as a wrong password and login timing does not reveal which emails exist.
    static readonly string unknownUserHash = BCrypt.Net.BCrypt.HashPassword(Guid.NewGuid().ToString(), WorkFactor);

    public static string Hash(string password) => BCrypt.Net.BCrypt.HashPassword(password, WorkFactor);

    public static bool Verify(string password, string? hash) =>
        BCrypt.Net.BCrypt.Verify(password, hash ?? unknownUserHash) && hash is not null;
}
