using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Client.Output;
using Orchestrator.Contracts;
using Spectre.Console;

namespace Orchestrator.Client.Sweeps;

/// <summary>A watch rendered on a terminal: the trial table sized to the terminal, redrawn on every change.</summary>
internal sealed class SweepLiveTable(LiveDisplayContext live) : ISweepProgress
{
    public void OnStatus(SweepStatus status) => live.UpdateTarget(new Text(SweepView.Render(status, TerminalWidth.Current)));
}
