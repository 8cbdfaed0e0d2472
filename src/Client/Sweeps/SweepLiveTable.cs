using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Spectre.Console;

namespace Orchestrator.Client.Sweeps;

/// <summary>A watch rendered on a terminal: the live table, redrawn on every change.</summary>
internal sealed class SweepLiveTable(LiveDisplayContext live) : ISweepProgress
{
    public void OnStatus(SweepStatus status) => live.UpdateTarget(SweepView.Render(status));
}
