using System.Security.Cryptography;
using System.Text;

namespace TargetApi;

/// <summary>Tokens and password hashes. Tokens are opaque random strings; the database keeps only their SHA-256.</summary>
public static class Secrets
{
    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lowercase hex SHA-256 of the UTF-8 token, as stored in user_sessions.</summary>
    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Checks a password against users.password_hash = hex sha256(salt || password). Cheap on purpose: the sample's
    /// login must not be the bottleneck at 100 VUs. A real system uses a slow KDF (Argon2, PBKDF2).
    /// </summary>
    public static bool PasswordMatches(string password, string salt, string expectedHex)
    {
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(salt + password));
        var expected = expectedHex.Length == 64 ? Convert.FromHexString(expectedHex) : [];
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
