package io.github.apiban4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.client.ApiKey;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.client.BannedPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeFeedTest {
  @Test
  void theLibrarysClientReadsEveryEntryInOrderPageByPageThenHearsNoNewBans() throws Exception {
    AddressSet entries = Addresses.ipv4(600, 7);
    try (FakeFeed feed = FakeFeed.start(entries)) {
      ApibanClient client = ApibanClient.builder().baseUrl(feed.baseUrl())
          .apiKey(ApiKey.of("0123456789abcdef0123456789abcdef")).rateLimit(0, Duration.ofMinutes(2))
          .build();
      List<IpPrefix> read = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      BannedPage page = client.banned("100");
      while (!page.isEnd()) {
        read.addAll(page.entries());
        sizes.add(page.entries().size());
        page = client.banned(page.nextCursor().orElseThrow());
      }
      assertThat(sizes).containsExactly(250, 250, 100);
      assertThat(read).containsExactlyElementsOf(entries);
    }
  }

  @Test
  void aWarmUpLeavesTheFeedServingFromTheStart() throws Exception {
    AddressSet entries = Addresses.ipv4(300, 8);
    try (FakeFeed feed = FakeFeed.start(entries)) {
      feed.warmUp();
      ApibanClient client = ApibanClient.builder().baseUrl(feed.baseUrl())
          .apiKey(ApiKey.of("0123456789abcdef0123456789abcdef")).rateLimit(0, Duration.ofMinutes(2))
          .build();
      assertThat(client.banned("100").entries()).hasSize(250);
    }
  }
}
