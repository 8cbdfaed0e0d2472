using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Orchestrator.Data.Models;

namespace Orchestrator.Training.Models;

/// <summary>
/// Builds a .NET plugin's network: loads its assembly once per process in its own <see cref="PluginLoadContext"/>,
/// finds the type, and calls the public constructor whose parameters the sweep's <c>parameters</c> name. Three
/// parameter names are filled from the data instead: <c>inputs</c> (values per item), <c>inputShape</c>
/// (<c>int[]</c>, one item's shape) and <c>classes</c>. Other parameters take the sweep's value or their default.
/// </summary>
/// <remarks>Loading runs the plugin's code in this process: only assemblies under trusted directories are loaded.</remarks>
public static class PluginNetwork
{
    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> _assemblies = new(StringComparer.Ordinal);

    /// <summary>Creates the plugin's network for items of shape <paramref name="itemShape"/> and <paramref name="classes"/> classes.</summary>
    /// <exception cref="ModelCheckException">Assembly missing or unloadable, type not found or not a <see cref="ConnectomeNetwork"/>, a parameter unknown or of the wrong type.</exception>
    public static ConnectomeNetwork Create(UserModelReference reference, IReadOnlyList<int> itemShape, int classes)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(itemShape);
        var path = reference.Assembly ?? throw new ArgumentException("not a plugin reference.", nameof(reference));
        var type = FindType(path, reference.Type ?? string.Empty);
        var given = reference.Parameters ?? [];
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["inputs"] = itemShape.Aggregate(1, (a, b) => a * b),
            ["inputShape"] = itemShape.ToArray(),
            ["classes"] = classes,
        };
        var constructors = type.GetConstructors();
        var constructor = constructors
            .Where(c => given.Keys.All(k => c.GetParameters().Any(p => p.Name == k)))
            .Where(c => c.GetParameters().All(p => given.ContainsKey(p.Name!) || data.ContainsKey(p.Name!) || p.HasDefaultValue))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        if (constructor is null)
        {
            var signatures = string.Join("; ", constructors.Select(c => $"({string.Join(", ", c.GetParameters().Select(p => $"{p.ParameterType.Name} {p.Name}"))})"));
            var unknown = given.Keys.Where(k => !constructors.Any(c => c.GetParameters().Any(p => p.Name == k))).ToArray();
            throw new ModelCheckException(unknown.Length > 0
                ? $"model.parameters.{unknown[0]}: {type.FullName} has no constructor parameter '{unknown[0]}'; its constructors take {signatures} (inputs, inputShape and classes come from the data)."
                : $"model.parameters: no public constructor of {type.FullName} can be called with [{string.Join(", ", given.Keys)}]; its constructors take {signatures} (inputs, inputShape and classes come from the data).");
        }

        var arguments = constructor.GetParameters().Select(p =>
            given.TryGetValue(p.Name!, out var text) ? Convert(text, p, type)
            : data.TryGetValue(p.Name!, out var value) ? value
            : p.DefaultValue).ToArray();
        try
        {
            return (ConnectomeNetwork)constructor.Invoke(arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new ModelCheckException($"model: the constructor of {type.FullName} failed: {ex.InnerException.Message}", ex.InnerException);
        }
    }

    private static Type FindType(string path, string typeName)
    {
        if (!File.Exists(path))
        {
            throw new ModelCheckException($"model.assembly: {path} does not exist; build the plugin project (dotnet build) and name its dll.");
        }

        Assembly assembly;
        try
        {
            assembly = _assemblies.GetOrAdd(path, p => new Lazy<Assembly>(() => new PluginLoadContext(p).LoadFromAssemblyPath(p))).Value;
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException)
        {
            _assemblies.TryRemove(path, out _);
            throw new ModelCheckException($"model.assembly: {path} is not a .NET assembly this silo can load ({ex.Message}).", ex);
        }

        var type = assembly.GetType(typeName, throwOnError: false);
        if (type is null)
        {
            var networks = assembly.GetExportedTypes().Where(t => typeof(ConnectomeNetwork).IsAssignableFrom(t) && !t.IsAbstract).Select(t => t.FullName);
            throw new ModelCheckException($"model.type: {path} has no public type '{typeName}'; its networks: {string.Join(", ", networks)}.");
        }

        if (!typeof(ConnectomeNetwork).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ModelCheckException($"model.type: {typeName} is not a network; it must be a concrete class deriving from {typeof(ConnectomeNetwork).FullName}.");
        }

        return type;
    }

    private static object Convert(string text, ParameterInfo parameter, Type type)
    {
        var target = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        try
        {
            if (target == typeof(string))
            {
                return text;
            }

            if (target == typeof(bool))
            {
                return bool.Parse(text);
            }

            var number = double.Parse(text, CultureInfo.InvariantCulture);
            if (target == typeof(int) && number % 1 != 0)
            {
                throw new FormatException("not a whole number");
            }

            return System.Convert.ChangeType(number, target, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw new ModelCheckException($"model.parameters.{parameter.Name}: '{text}' is not a {target.Name}, the type {type.Name}'s constructor takes ({ex.Message}).", ex);
        }
    }
}
