namespace Orchestrator.Search;

/// <summary>
/// The hyperparameters a search draws, each with its distribution and its conditions. Build one in code
/// or read it with <see cref="SearchSpaceReader"/>; call <see cref="Validate"/> before sampling.
/// </summary>
public sealed record SearchSpace
{
    /// <param name="parameters">The parameters in the order given (names distinct).</param>
    public SearchSpace(IEnumerable<SearchParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = [.. parameters];
        SamplingOrder = OrderByDependencies(Parameters);
    }

    /// <summary>The parameters in the order given.</summary>
    public IReadOnlyList<SearchParameter> Parameters { get; }

    /// <summary>
    /// The parameters ordered so each comes after those its conditions name (declaration order otherwise):
    /// samplers draw in this order, so whether a conditional parameter is active is known when it is reached.
    /// </summary>
    public IReadOnlyList<SearchParameter> SamplingOrder { get; }

    /// <summary>The parameter named <paramref name="name"/>, or null.</summary>
    public SearchParameter? Find(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>
    /// Every problem with the space, each at its JSON path under <paramref name="path"/> (e.g.
    /// <c>space.lr.loguniform</c>, <c>space.momentum.when.optimizer</c>); empty when the space is usable.
    /// </summary>
    public IReadOnlyList<SearchSpaceError> Validate(string path = "space")
    {
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<SearchSpaceError>();
        if (Parameters.Count == 0)
        {
            errors.Add(new(path, "the space is empty; give at least one parameter, e.g. {\"lr\": {\"loguniform\": [0.001, 0.3]}}"));
        }

        foreach (var group in Parameters.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new($"{path}.{group.Key}", $"the parameter '{group.Key}' is given {group.Count()} times; give it once"));
        }

        foreach (var parameter in Parameters)
        {
            var at = $"{path}.{parameter.Name}";
            if (string.IsNullOrWhiteSpace(parameter.Name))
            {
                errors.Add(new(at, "a parameter needs a non-empty name"));
            }

            errors.AddRange(parameter.Distribution.Problems().Select(m => new SearchSpaceError($"{at}.{parameter.Distribution.Kind}", m)));
            foreach (var condition in parameter.When)
            {
                errors.AddRange(ConditionProblems(parameter, condition).Select(m => new SearchSpaceError($"{at}.when.{condition.Parameter}", m)));
            }
        }

        if (FindCycle() is { } cycle)
        {
            errors.Add(new($"{path}.{cycle[0]}.when", $"conditions form a cycle ({string.Join(" → ", cycle)}); a parameter cannot depend on itself"));
        }

        return errors;
    }

    private IEnumerable<string> ConditionProblems(SearchParameter parameter, ParameterCondition condition)
    {
        var names = string.Join(", ", Parameters.Where(p => p != parameter).Select(p => p.Name));
        if (condition.Parameter == parameter.Name)
        {
            yield return $"'{parameter.Name}' cannot depend on itself; name another parameter: {names}";
            yield break;
        }

        if (Find(condition.Parameter) is not { } other)
        {
            yield return $"unknown parameter '{condition.Parameter}'; a condition names another parameter of the space: {names}";
            yield break;
        }

        if (other.Distribution is not (ChoiceDistribution or IntDistribution))
        {
            yield return $"'{condition.Parameter}' is {other.Distribution.Kind}; a condition can only name a choice or int parameter";
            yield break;
        }

        if (condition.Values.Count == 0)
        {
            yield return $"give at least one value of '{condition.Parameter}' that activates '{parameter.Name}'";
        }

        foreach (var value in condition.Values.Where(v => !other.Distribution.Contains(v)))
        {
            var allowed = other.Distribution is ChoiceDistribution choice
                ? string.Join(", ", choice.Options)
                : $"whole numbers in [{((IntDistribution)other.Distribution).Low}, {((IntDistribution)other.Distribution).High}]";
            yield return $"'{value}' is not a value of '{condition.Parameter}'; allowed: {allowed}";
        }
    }

    private List<string>? FindCycle()
    {
        // Depth-first search over "depends on" edges; a grey node met again closes a cycle.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var parameter in Parameters)
        {
            if (Visit(parameter.Name) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string name)
        {
            switch (state.GetValueOrDefault(name))
            {
                case 1:
                    return [.. stack.Skip(stack.IndexOf(name)), name];
                case 2:
                    return null;
            }

            state[name] = 1;
            stack.Add(name);
            foreach (var dependency in Find(name)?.When.Select(c => c.Parameter) ?? [])
            {
                if (Find(dependency) is not null && Visit(dependency) is { } cycle)
                {
                    return cycle;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[name] = 2;
            return null;
        }
    }

    private static List<SearchParameter> OrderByDependencies(IReadOnlyList<SearchParameter> parameters)
    {
        // Repeatedly take, in declaration order, the first parameter whose dependencies are all placed.
        // A cycle or unknown dependency (refused by Validate) leaves the rest in declaration order.
        var ordered = new List<SearchParameter>(parameters.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var known = parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var pending = parameters.ToList();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(p => p.When.All(c => placed.Contains(c.Parameter) || !known.Contains(c.Parameter)))
                       ?? pending[0];
            ordered.Add(next);
            placed.Add(next.Name);
            pending.Remove(next);
        }

        return ordered;
    }

    /// <inheritdoc />
    public bool Equals(SearchSpace? other) => other is not null && Parameters.SequenceEqual(other.Parameters);

    /// <inheritdoc />
    public override int GetHashCode() => Parameters.Aggregate(Parameters.Count, HashCode.Combine);
}
