using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// The worker threads SGEMM's parallel phases run on: persistent threads that keep polling (yielding the core) for
/// a short while after a job, then sleep. A product has two back-to-back phases and products come in quick
/// succession; waking thread-pool threads for each phase costs tens of microseconds on a virtual machine, about
/// as long as a whole 256x256 product takes.
/// Items are claimed one at a time, and the caller works too: when a worker is slow to come (its core busy with
/// another process) the caller simply does more, and it waits only for workers that actually joined the job.
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
    // Job generation << 1, plus 1 while the job is open to workers.
    private static long s_state;
    private static int s_active;
    private static int s_sleepers;
    private static Job? s_job;
    private static int s_count;
    private static int s_helpers;
    private static int s_next;
    private static Exception? s_error;

    /// <summary>Runs items [0, count) of <paramref name="job"/> on up to <paramref name="threads"/> threads, the caller included.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
                worker.Start((s_workers.Count, s_state >> 1));
                s_workers.Add(worker);
            }
            s_job = job;
            s_count = count;
            s_helpers = helpers;
            s_next = 0;
            s_error = null;
            var generation = (s_state >> 1) + 1;
            Interlocked.Exchange(ref s_state, generation << 1 | 1);
            if (Volatile.Read(ref s_sleepers) > 0)
            {
                lock (s_lock) Monitor.PulseAll(s_lock);
            }
            try
            {
                Work(job, count);
            }
            finally
            {
                // Close the job, then wait for the workers inside it: they finish the items they claimed.
                Interlocked.Exchange(ref s_state, generation << 1);
                var wait = new SpinWait();
                while (Volatile.Read(ref s_active) > 0) wait.SpinOnce(sleep1Threshold: -1);
                s_job = null;
            }
            if (s_error is { } error) ExceptionDispatchInfo.Throw(error);
        }
        finally
        {
            Volatile.Write(ref s_busy, 0);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Work(Job job, int count)
    {
        for (var i = Interlocked.Increment(ref s_next) - 1; i < count; i = Interlocked.Increment(ref s_next) - 1) job.Run(i);
    }

    // Fully optimized from the start: the loop never returns, so tiered compilation would leave it to on-stack replacement.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WorkerLoop(object? state)
    {
        var (id, seen) = ((int, long))state!;
        while (true)
        {
            var deadline = Stopwatch.GetTimestamp() + s_spinTicks;
            // Yielding while waiting: on an idle core it returns at once, on a shared one it lets other processes run.
            while (Volatile.Read(ref s_state) >> 1 == seen && Stopwatch.GetTimestamp() < deadline) Thread.Yield();
            if (Volatile.Read(ref s_state) >> 1 == seen)
            {
                Interlocked.Increment(ref s_sleepers);
                lock (s_lock)
                {
                    while (Volatile.Read(ref s_state) >> 1 == seen) Monitor.Wait(s_lock);
                }
                Interlocked.Decrement(ref s_sleepers);
            }
            var current = Volatile.Read(ref s_state);
            seen = current >> 1;
            if ((current & 1) == 0) continue;
            // Join, then check the job is still the open one: if the caller closed it meanwhile, it may not wait for us.
            Interlocked.Increment(ref s_active);
            if (Volatile.Read(ref s_state) == current && id < s_helpers)
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
            Interlocked.Decrement(ref s_active);
        }
    }
}
