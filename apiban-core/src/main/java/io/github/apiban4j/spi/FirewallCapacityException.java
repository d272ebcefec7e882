package io.github.apiban4j.spi;

/**
 * The set is full: the batch would exceed its maximum number of entries. None of the batch's
 * additions were applied (a backend may have applied its removals first, to make room). Raise the
 * backend's capacity option.
 */
public class FirewallCapacityException extends FirewallException {
  private static final long serialVersionUID = 1L;

  private final long capacity;

  public FirewallCapacityException(String backend, String operation, long capacity, String message) {
    super(backend, operation, message);
    this.capacity = capacity;
  }

  /** The maximum number of entries the set holds. */
  public long capacity() {
    return capacity;
  }
}
