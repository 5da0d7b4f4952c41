//! A promise job executor that awaits host futures concurrently (no busy polling).

use boa_engine::job::{GenericJob, Job, JobExecutor, NativeAsyncJob, PromiseJob};
use boa_engine::{Context, JsResult, JsValue};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

thread_local! {
    /// Number of times the executor started a new batch of host futures in this run.
    static SEGMENT: Cell<u64> = const { Cell::new(0) };
}

/// The current segment: host calls started between the same two awaits share it, since a
/// host future first runs in the executor iteration that picked it up.
pub fn current_segment() -> u64 {
    SEGMENT.with(Cell::get)
}

/// Starts segment numbering afresh for a new run.
pub fn reset_segments() {
    SEGMENT.with(|s| s.set(0));
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
        let mut running: Vec<HostFuture<'_>> = Vec::new();
        loop {
            self.run_sync_jobs(context)?;
            let new: Vec<NativeAsyncJob> = self.async_jobs.borrow_mut().drain(..).collect();
            if !new.is_empty() {
                SEGMENT.with(|s| s.set(s.get() + 1));
            }
            for job in new {
                running.push(Box::pin(job.call(context)));
            }
            if running.is_empty() {
                if self.promise_jobs.borrow().is_empty() && self.generic_jobs.borrow().is_empty() {
                    return Ok(());
                }
                continue;
            }
            // Wait until at least one host future finishes; each settles its own promise.
            let finished = poll_fn(|cx| {
                let mut done = Vec::new();
                for (i, f) in running.iter_mut().enumerate() {
                    if let Poll::Ready(r) = f.as_mut().poll(cx) {
                        done.push((i, r));
                    }
                }
                if done.is_empty() {
                    Poll::Pending
                } else {
                    Poll::Ready(done)
                }
            })
            .await;
            for (i, r) in finished.into_iter().rev() {
                drop(running.swap_remove(i));
                r?;
            }
        }
    }
}
