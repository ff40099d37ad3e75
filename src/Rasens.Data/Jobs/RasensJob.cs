using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Rasens.Data.Jobs;

/// <summary>
/// The one base of every periodic job (Jobs/README.md): it logs each run with its duration and what it did, and
/// contains every failure, so that a job that throws is logged and simply runs again at its next firing; nothing
/// a job does can stop the scheduler or the other jobs.
/// </summary>
public abstract partial class RasensJob(ILogger logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.JobDetail.Key.Name;
        var watch = Stopwatch.StartNew();
        try
        {
            var done = await RunAsync(cancellationToken);
            if (done > 0)
            {
                Finished(name, done, watch.Elapsed.TotalMilliseconds);
            }
            else
            {
                Idle(name, watch.Elapsed.TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Cancelled(name, watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception exception)
        {
            // Contained on purpose: the next firing tries again; an exception here would only be logged by Quartz.
            Failed(exception, name, watch.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>Does one run's work; returns how many things it handled (0 when there was nothing to do).</summary>
    protected abstract Task<int> RunAsync(CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} handled {Count} in {Milliseconds:0} ms.")]
    private partial void Finished(string job, int count, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {Job} had nothing to do ({Milliseconds:0} ms).")]
    private partial void Idle(string job, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} was stopped by shutdown after {Milliseconds:0} ms.")]
    private partial void Cancelled(string job, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed after {Milliseconds:0} ms; it runs again at its next firing.")]
    private partial void Failed(Exception exception, string job, double milliseconds);
}
