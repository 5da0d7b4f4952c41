//! A promise job executor that awaits host futures concurrently (no busy polling).

use boa_engine::job::{GenericJob, Job, JobExecutor, NativeAsyncJob, PromiseJob};
use boa_engine::{Context, JsResult, JsValue};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

thread_local! {
    /// The causal position of the host job being polled: its depth (1 for jobs the
    /// snippet's synchronous start issued, one more than the job whose completion led to
    /// it otherwise) and its key (the cause's key plus its ordinal among the jobs that
    /// completion issued).
    static CURRENT: RefCell<(u64, Vec<u32>)> = const { RefCell::new((0, Vec::new())) };
}

/// The current segment: the causal depth of the host call being made. Calls issued by the
/// same synchronous stretch of code share it, and a call issued after a response arrived
/// is one deeper than that response's call, whatever the timing of other calls in flight.
pub fn current_segment() -> u64 {
    CURRENT.with(|c| c.borrow().0)
}

/// The current host call's causal key: sorting calls by (segment, key) gives the same
/// order on every run, however concurrent responses interleave.
pub fn current_key() -> Vec<u32> {
    CURRENT.with(|c| c.borrow().1.clone())
}

/// Starts segment numbering afresh for a new run.
pub fn reset_segments() {
    CURRENT.with(|c| *c.borrow_mut() = (0, Vec::new()));
}

/// Queues promise reactions and host async jobs; timers are not offered to snippets.
#[derive(Default)]
pub struct Executor {
    promise_jobs: RefCell<VecDeque<PromiseJob>>,
    generic_jobs: RefCell<VecDeque<GenericJob>>,
    async_jobs: RefCell<VecDeque<NativeAsyncJob>>,
}

type HostFuture<'a> = Pin<Box<dyn Future<Output = JsResult<JsValue>> + 'a>>;

impl Executor {
    fn run_sync_jobs(&self, context: &RefCell<&mut Context>) -> JsResult<()> {
        loop {
            let job = self.promise_jobs.borrow_mut().pop_front();
            if let Some(job) = job {
                job.call(&mut context.borrow_mut())?;
                continue;
            }
            let job = self.generic_jobs.borrow_mut().pop_front();
            match job {
                Some(job) => {
                    job.call(&mut context.borrow_mut())?;
                }
                None => return Ok(()),
            }
        }
    }
}

impl JobExecutor for Executor {
    fn enqueue_job(self: Rc<Self>, job: Job, _context: &mut Context) {
        match job {
            Job::PromiseJob(p) => self.promise_jobs.borrow_mut().push_back(p),
            Job::AsyncJob(a) => self.async_jobs.borrow_mut().push_back(a),
            Job::GenericJob(g) => self.generic_jobs.borrow_mut().push_back(g),
            // No timers or finalization registries are exposed to snippets.
            _ => {}
        }
    }

    fn run_jobs(self: Rc<Self>, context: &mut Context) -> JsResult<()> {
        // Synchronous draining only; host futures need `run_jobs_async`.
        self.run_sync_jobs(&RefCell::new(context))
    }

    async fn run_jobs_async(self: Rc<Self>, context: &RefCell<&mut Context>) -> JsResult<()> {
        // Each running host future with its causal depth and key.
        let mut running: Vec<(u64, Vec<u32>, HostFuture<'_>)> = Vec::new();
        // The completed host job whose reactions run next (the snippet's start at first).
        let mut cause: (u64, Vec<u32>) = (0, Vec::new());
        loop {
            self.run_sync_jobs(context)?;
            let new: Vec<NativeAsyncJob> = self.async_jobs.borrow_mut().drain(..).collect();
            for (n, job) in new.into_iter().enumerate() {
                let mut key = cause.1.clone();
                key.push(n as u32);
                running.push((cause.0 + 1, key, Box::pin(job.call(context))));
            }
            if running.is_empty() {
                if self.promise_jobs.borrow().is_empty() && self.generic_jobs.borrow().is_empty() {
                    return Ok(());
                }
                continue;
            }
            // Wait until one host future finishes (it settles its own promise), then run its
            // reactions alone, so what they issue is attributed to it.
            let (i, result) = poll_fn(|cx| {
                for (i, (depth, key, f)) in running.iter_mut().enumerate() {
                    CURRENT.with(|c| *c.borrow_mut() = (*depth, key.clone()));
                    if let Poll::Ready(r) = f.as_mut().poll(cx) {
                        return Poll::Ready((i, r));
                    }
                }
                Poll::Pending
            })
            .await;
            let (depth, key, done) = running.remove(i);
            drop(done);
            result?;
            cause = (depth, key);
        }
    }
}
