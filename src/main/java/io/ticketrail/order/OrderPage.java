package io.ticketrail.order;

import java.util.List;

public record OrderPage(List<OrderView> orders, int page, int size, long total) {}
