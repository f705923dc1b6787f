using System.Globalization;

namespace MassGen.Configuration.Internal;

/// <summary>
/// Resolves the kind of an unquoted YAML scalar with the YAML 1.2 core schema (what the YAML specification and most
/// modern parsers use), so <c>1800</c> is a number, <c>true</c> a boolean and <c>~</c> null.
/// </summary>
internal static class ScalarResolver
{
    public static ScalarKind Resolve(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return ScalarKind.Null;
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
                return ScalarKind.Bool;
            default:
                break;
        }

        if (IsInteger(text))
        {
            return ScalarKind.Integer;
        }

        return IsFloat(text) ? ScalarKind.Float : ScalarKind.String;
    }

    // Hand-written rather than regular expressions: this runs for every scalar at start-up, where building the regex
    // machinery costs more than the whole parse.
    private static bool IsInteger(string text)
    {
        if (text.Length > 2 && text[0] == '0' && text[1] == 'x')
        {
            return text.Skip(2).All(char.IsAsciiHexDigit);
        }

        if (text.Length > 2 && text[0] == '0' && text[1] == 'o')
        {
            return text.Skip(2).All(c => c is >= '0' and <= '7');
        }

        var digits = text.AsSpan(text.Length > 0 && text[0] is '-' or '+' ? 1 : 0);
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static bool IsFloat(string text)
    {
        var rest = text.AsSpan(text.Length > 0 && text[0] is '-' or '+' ? 1 : 0);
        if (rest is ".inf" or ".Inf" or ".INF")
        {
            return true;
        }

        if (text is ".nan" or ".NaN" or ".NAN")
        {
            return true;
        }

        // [digits][.digits][e[+-]digits] with at least one digit before the exponent.
        var i = 0;
        var mantissaDigits = 0;
        while (i < rest.Length && char.IsAsciiDigit(rest[i]))
        {
            i++;
            mantissaDigits++;
        }

        if (i < rest.Length && rest[i] == '.')
        {
            i++;
            while (i < rest.Length && char.IsAsciiDigit(rest[i]))
            {
                i++;
                mantissaDigits++;
            }
        }

        if (mantissaDigits == 0)
        {
            return false;
        }

        if (i < rest.Length && rest[i] is 'e' or 'E')
        {
            i++;
            if (i < rest.Length && rest[i] is '-' or '+')
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < rest.Length && char.IsAsciiDigit(rest[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == rest.Length;
    }


    public static bool ParseBool(string text) => text is "true" or "True" or "TRUE";

    public static bool TryParseInteger(string text, out long value)
    {
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);
        }

        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            try
            {
                value = Convert.ToInt64(text[2..], 8);
                return true;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                value = 0;
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseFloat(string text, out double value)
    {
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                value = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf" or "-.INF":
                value = double.NegativeInfinity;
                return true;
            case ".nan" or ".NaN" or ".NAN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
