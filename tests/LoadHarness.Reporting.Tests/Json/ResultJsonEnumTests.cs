using System.Reflection;
using System.Text.Json.Serialization;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Capacity;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Reporting.Tests.Json;

/// <summary>
/// result.json and capacity.json write enums as camelCase strings through one converter per enum type (no reflection:
/// the Native AOT build reads and writes them too). An enum added to the results without its converter would be
/// written as a number: this finds every enum the two documents can hold.
/// </summary>
public sealed class ResultJsonEnumTests
{
    [Fact]
    public void Every_enum_in_result_json_and_capacity_json_has_its_camel_case_converter()
    {
        var enums = ReachableEnums(typeof(RunResult)).Concat(ReachableEnums(typeof(CapacityResult))).Distinct().ToArray();
        var converted = RunResultJson.Options.Converters
            .Select(c => c.GetType())
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(JsonStringEnumConverter<>))
            .Select(t => t.GetGenericArguments()[0])
            .ToHashSet();

        Assert.Contains(typeof(RunStatus), enums);
        Assert.All(enums, e => Assert.True(converted.Contains(e), $"{e.FullName} is in a result document but has no converter in RunResultJson.Options"));
    }

    [Fact]
    public void An_enum_is_written_in_camel_case()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(RunStatus.Completed, RunResultJson.Options);
        Assert.Equal("\"completed\"", json);
    }

    private static IEnumerable<Type> ReachableEnums(Type root)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>([root]);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            var type = Nullable.GetUnderlyingType(next) ?? next;
            if (!seen.Add(type))
            {
                continue;
            }

            if (type.IsEnum)
            {
                yield return type;
                continue;
            }

            if (type.IsArray)
            {
                queue.Enqueue(type.GetElementType()!);
            }

            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                queue.Enqueue(argument);
            }

            if (type.Namespace?.StartsWith("LoadHarness", StringComparison.Ordinal) == true)
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null))
                {
                    queue.Enqueue(property.PropertyType);
                }
            }
        }
    }
}
