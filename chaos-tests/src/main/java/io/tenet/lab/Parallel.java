package io.tenet.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one task per hypervisor at once; lab start then takes about as long as one hypervisor's boot. */
final class Parallel {
  private static final int MAX_THREADS = 8;

  private Parallel() {
  }

  /**
   * Waits for every task, also after one failed, so no task is still creating things when the
   * caller starts to tear down; then throws the first failure with the others suppressed.
   */
  static <T> List<T> runAll(String threadName, List<Callable<T>> tasks) {
    if (tasks.isEmpty()) return List.of();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(tasks.size(), MAX_THREADS), runnable -> {
      Thread thread = new Thread(runnable, threadName);
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) futures.add(pool.submit(task));
      RuntimeException failure = null;
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
          if (failure == null) failure = cause; else failure.addSuppressed(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted in " + threadName, e);
        }
      }
      if (failure != null) throw failure;
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
