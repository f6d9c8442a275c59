using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace LoadHarness.Cli.Configuration;

/// <summary>
/// The keys a part of the config may have, to report unknown keys with "did you mean". An object lists its keys,
/// an array its item schema; <see cref="Any"/> accepts everything below it (CustomSettings, headers).
/// </summary>
public sealed class KeySchema
{
    private KeySchema(IReadOnlyDictionary<string, KeySchema>? properties, KeySchema? items, bool isAny)
    {
        Properties = properties;
        Items = items;
        IsAny = isAny;
    }

    /// <summary>Why reflecting over settings types is safe when trimmed: the Native AOT build roots the harness's assemblies.</summary>
    private const string KeptSettings =
        "Settings types are in LoadHarness assemblies, which the Native AOT publish keeps whole (TrimmerRootAssembly in LoadHarness.Cli.csproj); collections are the BCL's.";

    /// <summary>Anything goes below this point.</summary>
    public static KeySchema Any { get; } = new(null, null, isAny: true);

    /// <summary>A scalar (string, number, boolean).</summary>
    public static KeySchema Scalar { get; } = new(null, null, isAny: false);

    public IReadOnlyDictionary<string, KeySchema>? Properties { get; }

    public KeySchema? Items { get; }

    public bool IsAny { get; }

    public static KeySchema Object(params (string Key, KeySchema Schema)[] properties) =>
        new(properties.ToDictionary(p => p.Key, p => p.Schema, StringComparer.OrdinalIgnoreCase), null, isAny: false);

    public static KeySchema ArrayOf(KeySchema item) => new(null, item, isAny: false);

    /// <summary>The schema of a bindable POCO: its public settable properties, lists and dictionaries (dictionaries accept any key).</summary>
    public static KeySchema FromType(Type type) => FromType(type, depth: 0);

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = KeptSettings)]
    private static KeySchema FromType(Type type, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (depth > 8 || type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
            || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return Scalar;
        }

        if (typeof(IDictionary).IsAssignableFrom(type) || ImplementsGeneric(type, typeof(IDictionary<,>)) || ImplementsGeneric(type, typeof(IReadOnlyDictionary<,>)))
        {
            return Any;
        }

        if (type.IsArray)
        {
            return ArrayOf(FromType(type.GetElementType()!, depth + 1));
        }

        if (GenericArgument(type, typeof(IEnumerable<>)) is { } element)
        {
            return ArrayOf(FromType(element, depth + 1));
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => (p.Name, FromType(p.PropertyType, depth + 1)))
            .ToArray();
        return Object(properties);
    }

    private static bool ImplementsGeneric(Type type, Type generic) => GenericArgumentTypes(type, generic) is not null;

    private static Type? GenericArgument(Type type, Type generic) => GenericArgumentTypes(type, generic)?[0];

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = KeptSettings)]
    private static Type[]? GenericArgumentTypes(Type type, Type generic)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == generic)
        {
            return type.GetGenericArguments();
        }

        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic)?.GetGenericArguments();
    }
}
