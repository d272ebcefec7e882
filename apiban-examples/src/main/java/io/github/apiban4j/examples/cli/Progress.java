package io.github.apiban4j.examples.cli;

import io.github.apiban4j.SyncListener;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.address.Diff;
import java.io.PrintStream;

/**
 * Progress of a long pull on standard error: on a terminal one line redrawn in place after every
 * page; otherwise a plain line at each checkpoint of a pull longer than one checkpoint, so that a
 * log shows a long run advancing without a line per page.
 */
final class Progress implements SyncListener {
  private static final int PLAIN_FROM_PAGES = 4;

  private final PrintStream err;
  private final boolean terminal;
  private int pages;
  private long accepted;
  private long refused;
  private long applied;
  private boolean drawn;

  Progress(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void pageFetched(int page, int acceptedOnPage, int refusedOnPage, String nextCursor) {
    pages = page;
    accepted += acceptedOnPage;
    refused += refusedOnPage;
    if (terminal) {
      err.print("\r" + text());
      err.flush();
      drawn = true;
    }
  }

  @Override
  public void committed(Diff diff, String cursor) {
    applied += diff.toAdd().size();
    if (terminal) {
      err.print("\r" + text());
      err.flush();
      drawn = true;
    } else if (pages >= PLAIN_FROM_PAGES) {
      err.println("apiban: " + text() + ", cursor " + cursor);
    }
  }

  @Override
  public void runFinished(SyncResult result) {
    endLine();
  }

  @Override
  public void runFailed(Throwable error) {
    endLine();
  }

  private void endLine() {
    if (drawn) {
      err.println();
      drawn = false;
    }
  }

  private String text() {
    return pages + (pages == 1 ? " page, " : " pages, ") + accepted + " accepted, " + refused
        + " refused, " + applied + " applied";
  }
}
