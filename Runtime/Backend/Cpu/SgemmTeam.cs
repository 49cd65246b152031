using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// The worker threads SGEMM's parallel phases run on: persistent threads that spin for a short while after a job,
/// then sleep. A product has two back-to-back phases and products come in quick succession; waking thread-pool
/// threads for each phase costs tens of microseconds on a virtual machine, as long as a whole 256x256 product takes.
/// Items are handed out one at a time, so a core slowed by other processes hands its share to the others.
/// One job runs at a time: a caller that finds the team busy (another thread's product) runs its items itself.
/// </summary>
internal static class SgemmTeam
{
    /// <summary>Work split into items; <see cref="Run(int)"/> does one. Callers reuse instances, so jobs allocate nothing.</summary>
    public abstract class Job
    {
        public abstract void Run(int item);
    }

    // Long enough to bridge the gap between the phases of a product and between consecutive products.
    private const double SpinMicroseconds = 200;

    private static readonly object s_lock = new();
    private static readonly List<Thread> s_workers = [];
    private static readonly long s_spinTicks = (long)(SpinMicroseconds * Stopwatch.Frequency / 1e6);

    private static int s_busy;
    private static long s_generation;
    private static Job? s_job;
    private static int s_count;
    private static int s_helpers;
    private static int s_next;
    private static int s_pending;
    private static Exception? s_error;

    /// <summary>Runs items [0, count) of <paramref name="job"/> on up to <paramref name="threads"/> threads, the caller included.</summary>
    public static void Run(Job job, int count, int threads)
    {
        var helpers = Math.Min(threads, count) - 1;
        if (helpers <= 0 || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            for (var i = 0; i < count; i++) job.Run(i);
            return;
        }
        try
        {
            while (s_workers.Count < helpers)
            {
                var worker = new Thread(WorkerLoop) { IsBackground = true, Name = "NotebookKeras SGEMM worker" };
                worker.Start((s_workers.Count, Volatile.Read(ref s_generation)));
                s_workers.Add(worker);
            }
            s_job = job;
            s_count = count;
            s_helpers = helpers;
            s_next = 0;
            s_error = null;
            // Every worker acknowledges every job (idle ones too), so none can lag into the next job.
            s_pending = s_workers.Count;
            Interlocked.Increment(ref s_generation);
            lock (s_lock) Monitor.PulseAll(s_lock);
            try
            {
                Work(job, count);
            }
            finally
            {
                var wait = new SpinWait();
                while (Volatile.Read(ref s_pending) > 0) wait.SpinOnce(sleep1Threshold: -1);
                s_job = null;
            }
            if (s_error is { } error) ExceptionDispatchInfo.Throw(error);
        }
        finally
        {
            Volatile.Write(ref s_busy, 0);
        }
    }

    private static void Work(Job job, int count)
    {
        for (var i = Interlocked.Increment(ref s_next) - 1; i < count; i = Interlocked.Increment(ref s_next) - 1) job.Run(i);
    }

    private static void WorkerLoop(object? state)
    {
        var (id, seen) = ((int, long))state!;
        while (true)
        {
            var deadline = Stopwatch.GetTimestamp() + s_spinTicks;
            while (Volatile.Read(ref s_generation) == seen && Stopwatch.GetTimestamp() < deadline) Thread.SpinWait(20);
            if (Volatile.Read(ref s_generation) == seen)
            {
                lock (s_lock)
                {
                    while (Volatile.Read(ref s_generation) == seen) Monitor.Wait(s_lock);
                }
            }
            seen = Volatile.Read(ref s_generation);
            if (id < s_helpers)
            {
                try
                {
                    Work(s_job!, s_count);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref s_error, e, null);
                }
            }
            Interlocked.Decrement(ref s_pending);
        }
    }
}
