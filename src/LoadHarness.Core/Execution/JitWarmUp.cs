using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Core.Execution;

/// <summary>
/// Compiles the harness's per-iteration code before an open-model scenario's clock starts. Otherwise its first
/// arrivals wait for the JIT (≈0.1–0.2 s for a transport's path, every method compiled optimized on first call) and all
/// later arrivals queue behind them: the whole run's start lateness p99 shows a start-up cost, not the pacer. Methods
/// are only prepared (<see cref="RuntimeHelpers.PrepareMethod(RuntimeMethodHandle)"/>): nothing runs, no traffic.
/// A closed model needs none of this (an iteration's latency counts from its actual start) and skips the CPU it costs.
/// </summary>
internal static class JitWarmUp
{
    /// <summary>Core's namespaces an iteration goes through (configuration, results and reports are not on the path).</summary>
    private static readonly string[] CoreNamespaces =
    [
        "LoadHarness.Core.Execution", "LoadHarness.Core.Metrics", "LoadHarness.Core.Scenarios", "LoadHarness.Core.Load",
    ];

    public static bool IsNeeded(IEnumerable<ScenarioDefinition> scenarios) => scenarios.Any(s => s.Model == LoadModel.Open);

    /// <summary>
    /// Prepares Core's iteration path, HdrHistogram's recorder and every harness assembly (<c>LoadHarness.*</c>) that
    /// holds a scenario's iteration code (the built-in scenarios; a user's own assembly is left to the JIT). Returns
    /// the number of methods prepared.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Returns before any reflection in a Native AOT build: there is no JIT to warm up.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Returns before any reflection in a Native AOT build: there is no JIT to warm up.")]
    public static int Prepare(IEnumerable<ScenarioDefinition> scenarios)
    {
        if (!RuntimeFeature.IsDynamicCodeCompiled)
        {
            return 0; // Native AOT: everything is compiled already
        }

        var core = typeof(JitWarmUp).Assembly;
        var count = PrepareTypes(TypesOf(core).Where(t => t.Namespace is { } ns && CoreNamespaces.Contains(ns)));
        count += PrepareTypes(TypesOf(typeof(HdrHistogram.Recorder).Assembly).Where(t => t.Namespace == "HdrHistogram"));
        var owners = scenarios
            .SelectMany(s => new Delegate?[] { s.RunValue, s.Run })
            .Select(d => d?.Method.DeclaringType?.Assembly)
            .Where(a => a is not null && a != core && a.GetName().Name?.StartsWith("LoadHarness.", StringComparison.Ordinal) == true)
            .Distinct();
        foreach (var assembly in owners)
        {
            count += PrepareTypes(TypesOf(assembly!));
        }

        return count;
    }

    /// <summary>The assembly's types; those that cannot load (a dependency absent at run time) are left out.</summary>
    [RequiresUnreferencedCode("Lists an assembly's types.")]
    private static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    [RequiresUnreferencedCode("Lists types' methods.")]
    private static int PrepareTypes(IEnumerable<Type> types)
    {
        const BindingFlags All = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        var count = 0;
        foreach (var type in types)
        {
            if (type.ContainsGenericParameters || type.IsInterface)
            {
                continue;
            }

            foreach (var method in type.GetMethods(All))
            {
                if (method.IsAbstract || method.ContainsGenericParameters
                    || (method.Attributes & MethodAttributes.PinvokeImpl) != 0
                    || (method.MethodImplementationFlags & (MethodImplAttributes.InternalCall | MethodImplAttributes.Runtime)) != 0)
                {
                    continue;
                }

                try
                {
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    count++;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Not compilable ahead (a dependency absent at run time, say): nothing is lost — the method is
                    // compiled, or fails with the same error where it is called, on first call, if ever. The warm-up is
                    // an optimization and must never fail a run.
                }
            }
        }

        return count;
    }
}
