/// Folds traditional Chinese characters to simplified ones, so 提現 finds 提现 and 凍結帳戶 finds 冻结账户.
///
/// Not a full converter: a compact table of the characters support conversations about wallets and exchanges use
/// (accounts, funds, security, devices, time), plus a few simplified variants that mean the same (帐 → 账).
/// Indexing and queries both fold, so a missing character only means that character is not folded on either side.
public enum ChineseVariants {
    /// The simplified form of `scalar`, or `scalar` itself.
    public static func simplified(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        table[scalar.value] ?? scalar
    }

    /// `text` with every character in the table folded.
    public static func simplified(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(simplified(scalar)) }
        return String(scalars)
    }

    /// Pairs of traditional (or variant) and simplified characters, written one after the other.
    static let pairs = """
        現现凍冻結结帳账賬账帐账戶户註注記记詞词幣币錢钱產产號号碼码驗验證证鎖锁轉转額额費费態态務务網网絡络問问題题\
        發发錯错誤误單单請请認认幫帮聯联繫系過过時时間间實实應应該该設设開开關关閉闭無无為为這这個个們们來来對对機机\
        電电話话郵邮資资訊讯帶带處处復复複复盜盗竊窃騙骗詐诈偽伪風风險险護护權权級级紀纪錄录狀状況况確确損损筆笔鏈链\
        區区塊块礦矿節节點点臺台灣湾兌兑換换匯汇儲储領领貨货鑰钥寶宝鐘钟裝装載载擊击釣钓魚鱼異异餘余數数據据標标準准\
        線线樣样夠够還还沒没見见視视觀观歷历協协議议約约雙双兩两導导遺遗輸输寫写讀读頁页書书專专業业員员隊队組组織织\
        維维補补償偿賠赔檢检顯显圖图螢萤統统係系於于與与後后從从麼么嗎吗會会說说讓让給给將将經经當当動动亂乱驟骤範范\
        報报訂订購购買买賣卖價价漲涨週周營营運运熱热綫线詢询諮咨隱隐條条傳传遞递貼贴閱阅誌志憑凭紅红綁绑簡简體体廣广\
        總总額额臨临櫃柜據据簽签鑑鉴鑒鉴優优惠惠節节憂忧慮虑親亲愛爱聽听辦办務务濟济產产權权庫库檔档圍围續续斷断錄录\
        滿满歸归門门幾几點点鐵铁銀银鋼钢鏡镜頭头顧顾問问題题熱热戲戏園园團团兒儿麗丽離离難难雜杂雲云電电靜静響响頻频\
        額额風风飛飞餘余館馆馬马驗验髮发鬥斗鬧闹齊齐齡龄龍龙龜龟衛卫裡里褲裤覽览觸触計计訂订討讨訓训託托記记訪访許许\
        設设診诊詳详誠诚誰谁課课調调談谈論论諸诸講讲謝谢識识譯译護护讀读變变讚赞貝贝負负財财責责貨货貼贴貴贵貸贷費费\
        賀贺資资賊贼賞赏質质購购賽赛贈赠趕赶跡迹車车軟软較较輕轻輔辅輯辑輸输轄辖辭辞農农邊边邏逻郵邮鄉乡醫医釋释針针\
        鈔钞鉤钩銷销鋪铺錯错鍵键鎮镇長长閃闪閒闲間间閘闸闆板闖闯陣阵陰阴陳陈陸陆陽阳隨随險险隻只雖虽雞鸡雙双離离靈灵\
        項项順顺須须預预頓顿領领頻频題题額额顏颜願愿類类顯显飯饭飲饮養养餓饿饋馈驅驱騰腾驚惊體体鬆松鹽盐麥麦黃黄黨党\
        齒齿獲获獎奖環环現现璽玺畫画異异療疗癢痒發发盡尽監监盤盘睏困礙碍確确禮礼禍祸禦御種种稱称穩稳窮穷競竞筆笔範范\
        築筑簡简糧粮紀纪約约紅红級级紙纸純纯紛纷細细終终組组絕绝統统絲丝綠绿維维綜综緊紧線线練练縣县縮缩總总績绩繼继\
        續续纜缆罰罚羅罗義义習习聖圣聞闻聯联職职肅肃脅胁腦脑臉脸艙舱藝艺藥药蘋苹處处號号蟲虫補补裝装製制複复規规覺觉\
        親亲觀观討讨訴诉詞词試试詩诗話话該该誤误說说認认語语誌志請请諾诺謎谜證证識识警警護护償偿儲储優优億亿價价儀仪\
        僅仅債债傷伤傾倾偵侦備备們们個个倉仓側侧係系俠侠倫伦偉伟偽伪傑杰傭佣創创劃划劇剧勁劲動动務务勝胜勞劳勢势勵励\
        區区協协卻却參参雙双叢丛嚴严團团園园圓圆圖图執执堅坚報报場场塊块塵尘壓压壞坏壯壮奪夺奮奋婦妇媽妈嫻娴孫孙學学\
        寧宁實实審审寫写專专尋寻對对導导屆届屬属歲岁島岛峽峡幣币帥帅師师帶带幹干廁厕廢废廳厅張张彈弹強强彙汇徑径從从\
        復复徵征憶忆應应懷怀戀恋戰战戲戏戶户拋抛挾挟捨舍掃扫掛挂採采揀拣揚扬換换損损搖摇搶抢撐撑撥拨擁拥擇择擔担據据\
        擬拟擴扩攝摄數数斂敛斷断時时晉晋暫暂曆历書书會会東东條条極极構构槍枪樂乐樓楼標标樞枢模模機机橫横檢检櫃柜權权\
        歡欢歸归殘残毀毁氣气決决沒没況况淚泪淺浅減减測测湧涌滅灭滯滞漁渔潔洁潛潜澤泽濃浓濕湿灑洒災灾為为烏乌無无煉炼\
        煩烦燈灯營营爭争爺爷牆墙獨独猶犹獵猎陸陆齡龄驗验敗败瀏浏謹谨洩泄達达進进選选啟启冊册聲声則则舊旧別别層层擠挤遲迟\
        啓启戶户擋挡懂懂
        """

    static let table: [UInt32: Unicode.Scalar] = {
        var table: [UInt32: Unicode.Scalar] = [:]
        let scalars = Array(pairs.unicodeScalars.filter { !$0.properties.isWhitespace })
        var index = 0
        while index + 1 < scalars.count {
            let from = scalars[index]
            let to = scalars[index + 1]
            if from != to { table[from.value] = to }
            index += 2
        }
        return table
    }()
}
