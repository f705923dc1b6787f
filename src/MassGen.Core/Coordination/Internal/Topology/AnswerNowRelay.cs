namespace MassGen.Core.Coordination.Internal.Topology;

/// <summary>
/// Carries the caller's "answer now" to every group: those running stop with their leading answers, and those formed
/// later stop as soon as they hold one (a round that starts from winning answers stops at once and presents).
/// </summary>
internal sealed class AnswerNowRelay
{
    private readonly Lock _gate = new();
    private readonly List<CoordinationControl> _controls = [];
    private readonly bool _enabled;
    private bool _requested;

    public AnswerNowRelay(CoordinationControl? outer)
    {
        _enabled = outer is not null;
        outer?.Attach(Request);
    }

    /// <summary>A control for one group's run, already triggered when the caller asked before; none without an outer control.</summary>
    public CoordinationControl? NewControl()
    {
        if (!_enabled)
        {
            return null;
        }

        var control = new CoordinationControl();
        bool requested;
        lock (_gate)
        {
            _controls.Add(control);
            requested = _requested;
        }

        if (requested)
        {
            control.AnswerNow();
        }

        return control;
    }

    private void Request()
    {
        CoordinationControl[] controls;
        lock (_gate)
        {
            _requested = true;
            controls = [.. _controls];
        }

        foreach (var control in controls)
        {
            control.AnswerNow();
        }
    }
}
