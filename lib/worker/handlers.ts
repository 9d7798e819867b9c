// Registers every feature's job handlers, tickers and schedules with the worker. One import line per
// feature module; each module calls defineJob / registerTicker / registerSchedule itself.
import "../retention/purge-job.ts";
import "../sending/register.ts";
import "../repermission/register.ts";
import "../housekeeping/register.ts";
import "../consent/ledger-heads-job.ts";
import "../consent/ledger-anchor-job.ts";
import "../inbound/register.ts";
import "../webhooks/register.ts";
export {};
