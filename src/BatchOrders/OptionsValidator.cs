using System.ComponentModel.DataAnnotations;

namespace BatchOrders;

/// <summary>
/// Checks an options object against the bounds its own properties declare (<see cref="RangeAttribute"/> and the
/// like), so each options type is the single source of its bounds — as Polly enforces its strategies' options.
/// </summary>
public static class OptionsValidator
{
    /// <summary>Every bound the options break, each naming its property; empty when they are valid.</summary>
    public static IReadOnlyList<ValidationResult> Validate(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    /// <summary>Throws <see cref="ValidationException"/> naming every broken bound: options a host did not check first are a bug.</summary>
    public static void ThrowIfInvalid(object options)
    {
        var results = Validate(options);
        if (results.Count > 0)
        {
            throw new ValidationException($"Invalid {options.GetType().Name}: " +
                string.Join(" ", results.Select(r => $"{string.Join(", ", r.MemberNames)} {r.ErrorMessage}.")));
        }
    }
}
