using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MassGen.Cli.Logging;
using MassGen.Cli.Sessions;
using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Cli.Tests.Logging;

/// <summary>
/// The run log's generated serialisation code writes exactly what reflection-based serialisation wrote, for every
/// event type (taken from the <c>[JsonDerivedType]</c> list, so a new event is covered without touching this test), the
/// result and sessions: with every value set, and with every nullable value null.
/// </summary>
public sealed class RunLogJsonTests
{
    private static readonly JsonSerializerOptions s_reflectionCompact = RunLogJson.Create(indented: false, new DefaultJsonTypeInfoResolver());
    private static readonly JsonSerializerOptions s_reflectionIndented = RunLogJson.Create(indented: true, new DefaultJsonTypeInfoResolver());

    public static TheoryData<string, bool> EventTypes()
    {
        var data = new TheoryData<string, bool>();
        foreach (var derived in typeof(CoordinationEvent).GetCustomAttributes<JsonDerivedTypeAttribute>())
        {
            data.Add(derived.DerivedType.Name, false);
            data.Add(derived.DerivedType.Name, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Serialize_EveryEventType_MatchesReflectionByteForByte(string typeName, bool nullsWherePossible)
    {
        var type = typeof(CoordinationEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().Single(d => d.DerivedType.Name == typeName).DerivedType;
        var coordinationEvent = (CoordinationEvent)new Sample(nullsWherePossible).Create(type);

        var generated = JsonSerializer.Serialize(coordinationEvent, RunLogJson.Compact);
        var reflected = JsonSerializer.Serialize(coordinationEvent, s_reflectionCompact);

        Assert.Equal(reflected, generated);
        Assert.IsType<RunLogJsonContext>(RunLogJson.Compact.GetTypeInfo(type).OriginatingResolver);

        // Read back (events.jsonl is read by `massgen logs` and `massgen resume`), both ways give the same event.
        var read = JsonSerializer.Deserialize<CoordinationEvent>(generated, RunLogJson.Compact)!;
        Assert.IsType(type, read);
        Assert.Equal(generated, JsonSerializer.Serialize(read, RunLogJson.Compact));
        Assert.Equal(generated, JsonSerializer.Serialize(JsonSerializer.Deserialize<CoordinationEvent>(generated, s_reflectionCompact), RunLogJson.Compact));
    }

    [Theory]
    [InlineData(typeof(CoordinationResult), false)]
    [InlineData(typeof(CoordinationResult), true)]
    [InlineData(typeof(SessionRecord), false)]
    [InlineData(typeof(SessionRecord), true)]
    [InlineData(typeof(SessionTurn), false)]
    [InlineData(typeof(SessionTurn), true)]
    public void Serialize_ResultAndSessions_MatchReflectionByteForByte(Type type, bool nullsWherePossible)
    {
        var value = new Sample(nullsWherePossible).Create(type);

        var generated = JsonSerializer.Serialize(value, type, RunLogJson.Indented);
        var reflected = JsonSerializer.Serialize(value, type, s_reflectionIndented);

        Assert.Equal(reflected, generated);
        Assert.IsType<RunLogJsonContext>(RunLogJson.Indented.GetTypeInfo(type).OriginatingResolver);
        Assert.Equal(generated, JsonSerializer.Serialize(JsonSerializer.Deserialize(generated, type, RunLogJson.Indented), type, RunLogJson.Indented));
    }

    [Fact]
    public void Serialize_SampleEvent_KeepsTheLogsShape()
    {
        var answer = new AnswerAccepted("critic", "agent1", 2, 1, "Don't \"escape\" café <b> & ✓") { Sequence = 7, Timestamp = new DateTimeOffset(2026, 3, 1, 12, 0, 4, TimeSpan.Zero) };

        var json = JsonSerializer.Serialize<CoordinationEvent>(answer, RunLogJson.Compact);

        Assert.Equal(
            """{"type":"answer_accepted","agent_id":"critic","label":"agent1","revision":2,"answer_number":1,"content":"Don't \"escape\" café <b> & ✓","sequence":7,"timestamp":"2026-03-01T12:00:04+00:00","attempt":1}""",
            json);
    }

    /// <summary>
    /// Builds a value of any type the run log serialises: text that needs escaping, numbers, times, the enum member
    /// with the longest name (snake_case), one-element lists, records through their widest constructor and then every
    /// settable property. An unknown type fails the test, naming it, so a new kind of field gets a sample.
    /// </summary>
    private sealed class Sample(bool nullsWherePossible)
    {
        private readonly NullabilityInfoContext _nullability = new();
        private int _counter;

        public object Create(Type type) => Value(type, nullable: false, depth: 0)!;

        private object? Value(Type type, bool nullable, int depth)
        {
            Assert.True(depth < 8, $"sample values nest too deep at {type}");
            if (nullable && nullsWherePossible)
            {
                return null;
            }

            var n = ++_counter;
            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                return Value(underlying, nullable: false, depth);
            }

            if (type == typeof(string))
            {
                return $"text {n}: \"quoted\", café, <b>&</b>, ✓\nsecond line";
            }

            if (type.IsEnum)
            {
                return Enum.GetValues(type).Cast<object>().MaxBy(v => v.ToString()!.Length);
            }

            if (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal))
            {
                return type == typeof(decimal) ? 0.0105m + n : Convert.ChangeType(n, type, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (type == typeof(bool))
            {
                return true;
            }

            if (type == typeof(DateTimeOffset))
            {
                return new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddMilliseconds(1250.5 * n);
            }

            if (type == typeof(TimeSpan))
            {
                return TimeSpan.FromMilliseconds(90_500.25 * n);
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                var element = type.GetGenericArguments()[0];
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                list.Add(Value(element, nullable: false, depth + 1));
                return list;
            }

            Assert.True(type.IsClass && !typeof(IEnumerable).IsAssignableFrom(type), $"no sample value for {type}; add one to this test");
            return Record(type, depth);
        }

        private object Record(Type type, int depth)
        {
            var constructor = type.GetConstructors().Where(c => !IsCopyConstructor(c, type)).MaxBy(c => c.GetParameters().Length)!;
            var instance = constructor.Invoke([.. constructor.GetParameters().Select(p => Value(p.ParameterType, IsNullable(_nullability.Create(p)), depth + 1))]);
            var setByConstructor = constructor.GetParameters().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.SetMethod is { IsPublic: true } && property.Name != "EqualityContract" && !setByConstructor.Contains(property.Name))
                {
                    property.SetValue(instance, Value(property.PropertyType, IsNullable(_nullability.Create(property)), depth + 1));
                }
            }

            return instance;
        }

        private static bool IsNullable(NullabilityInfo info) =>
            info.WriteState == NullabilityState.Nullable || Nullable.GetUnderlyingType(info.Type) is not null;

        private static bool IsCopyConstructor(ConstructorInfo constructor, Type type) =>
            constructor.GetParameters() is [var only] && only.ParameterType == type;
    }
}
