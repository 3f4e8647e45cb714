// empty.js: the baseline page draws nothing; it is "drawn" as soon as it runs.
'use strict';
window.BENCH.drawn(0);
