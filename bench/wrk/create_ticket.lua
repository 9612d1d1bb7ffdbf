-- POST /api/v1/tickets with a first message, for customers drawn from a pool of 5,000 (so most requests find an
-- existing customer, as in real traffic, and some create one).
local token = os.getenv("WD_TOKEN")
local counter = 0

local subjects = { "提现失败 withdrawal failed", "充值未到账 deposit missing", "账户被锁定 account locked", "Transaction pending for hours" }
local categories = { "withdrawal_failed", "deposit_missing", "account_locked", "transaction_pending" }

request = function()
  counter = counter + 1
  local i = (counter % 4) + 1
  local customer = math.random(1, 5000)
  local body = string.format(
    '{"subject":"%s","category":"%s","channel":"web","requester":{"email":"bench%d@example.com","language":"zh-CN"},' ..
    '"tags":["bench"],"crypto":{"chain":"tron","asset":"USDT","amount":"%d.5"},' ..
    '"message":{"text":"我在 %d 号提交的提现一直没有到账，交易哈希请见截图。My withdrawal has not arrived.","author":"customer"}}',
    subjects[i], categories[i], customer, counter, counter)
  return wrk.format("POST", "/api/v1/tickets", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
