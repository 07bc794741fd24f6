import type { ConsentLanguage } from '../encounters/participant.schemas.ts';

/**
 * Participant-facing consent explanation with the Art. 13 GDPR information, shared by the
 * printable sheet (web) and the Art. 15 access export (API). German is the source text; the
 * others are drafts until an admin marks the language reviewed (table consent_text_reviews).
 * `{months}` in `storage` is the participant retention setting.
 */
export interface ConsentText {
  language: string;
  title: string;
  intro: string;
  purposes: { follow_up_contact: string; named_statistics: string; photos: string };
  rights: string;
  sign: string;
  art13: {
    heading: string;
    controller: string;
    dpo: string;
    legalBasis: string;
    recipients: string;
    storage: string;
    source: string;
    yourRights: string;
    complaint: string;
    noAutomated: string;
  };
}

export const CONSENT_TEXTS: Record<ConsentLanguage, ConsentText> = {
  de: {
    language: 'Deutsch',
    title: 'Einwilligung in die Verarbeitung Ihrer Angaben',
    intro:
      'Das Nachbarschaftszentrum notiert, dass Sie an Angeboten teilnehmen. Wir speichern nur einen Code, auf Wunsch einen Vornamen oder Spitznamen, Ihre Sprachen und die Größe Ihres Haushalts. Wir speichern keinen Nachnamen, keine Staatsangehörigkeit, keine Religion und keine Gesundheitsdaten.',
    purposes: {
      follow_up_contact:
        'Kontakt: Wir dürfen Sie namentlich bei Angeboten eintragen und uns bei Ihnen melden, wenn wir Sie länger nicht gesehen haben.',
      named_statistics:
        'Statistik: Ihre Teilnahme darf in Auswertungen für die Stadt gezählt werden (nur zusammengefasst, nie mit Namen).',
      photos:
        'Fotos: Wir dürfen Fotos von Veranstaltungen, auf denen Sie zu sehen sind, für das Zentrum verwenden.',
    },
    rights:
      'Die Einwilligung ist freiwillig und gilt 12 Monate. Sie können sie jederzeit ohne Nachteile widerrufen – ein Wort an die Mitarbeitenden genügt. Ohne Einwilligung können Sie alle Angebote genauso nutzen; Sie werden dann nur anonym gezählt.',
    sign: 'Datum, Unterschrift oder Zeichen',
    art13: {
      heading: 'Informationen nach Art. 13 DSGVO',
      controller: 'Verantwortlich',
      dpo: 'Datenschutzbeauftragte',
      legalBasis:
        'Zweck und Rechtsgrundlage: die oben angekreuzten Zwecke, auf Grundlage Ihrer Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO).',
      recipients: 'Wer Ihre Angaben sieht',
      storage:
        'Speicherdauer: Wir löschen Ihre Angaben {months} Monate nach dem letzten Kontakt. Anonyme Zählungen bleiben.',
      source: 'Herkunft: Die Angaben stammen von Ihnen; Mitarbeitende des Zentrums tragen sie ein.',
      yourRights:
        'Ihre Rechte: Auskunft, Berichtigung, Löschung, Einschränkung, Datenübertragbarkeit und Widerspruch (Art. 15–21 DSGVO), Widerruf jederzeit mit Wirkung für die Zukunft.',
      complaint: 'Beschwerde bei der Aufsichtsbehörde',
      noAutomated: 'Es gibt keine automatisierte Entscheidung über Sie.',
    },
  },
  en: {
    language: 'English',
    title: 'Consent to the processing of your details',
    intro:
      'The neighbourhood centre notes that you take part in its activities. We store only a code, if you wish a first name or nickname, your languages and the size of your household. We store no surname, nationality, religion or health data.',
    purposes: {
      follow_up_contact:
        'Contact: we may enter your name at activities and get in touch if we have not seen you for a while.',
      named_statistics:
        'Statistics: your participation may be counted in reports for the city (only in totals, never with your name).',
      photos: 'Photos: we may use photos of events in which you can be seen for the centre.',
    },
    rights:
      'Consent is voluntary and lasts 12 months. You can withdraw it at any time without any disadvantage – a word to the staff is enough. Without consent you can use every activity just the same; you are then only counted anonymously.',
    sign: 'Date, signature or mark',
    art13: {
      heading: 'Information under Art. 13 GDPR',
      controller: 'Controller',
      dpo: 'Data protection officer',
      legalBasis:
        'Purpose and legal basis: the purposes ticked above, based on your consent (Art. 6(1)(a) GDPR).',
      recipients: 'Who sees your details',
      storage:
        'Storage: we erase your details {months} months after the last contact. Only anonymous counts remain.',
      source: 'Source: the details come from you; centre staff enter them.',
      yourRights:
        'Your rights: access, rectification, erasure, restriction, data portability and objection (Art. 15–21 GDPR); you may withdraw consent at any time.',
      complaint: 'Complaint to the supervisory authority',
      noAutomated: 'No automated decision is taken about you.',
    },
  },
  ar: {
    language: 'العربية',
    title: 'الموافقة على معالجة بياناتك',
    intro:
      'يسجّل مركز الحيّ مشاركتك في الأنشطة. نحفظ فقط رمزاً، واسماً أول أو لقباً إن رغبت، واللغات التي تتحدثها وعدد أفراد أسرتك. لا نحفظ اسم العائلة ولا الجنسية ولا الدين ولا البيانات الصحية.',
    purposes: {
      follow_up_contact:
        'التواصل: يجوز لنا تسجيل اسمك في الأنشطة والتواصل معك إذا لم نرك لفترة طويلة.',
      named_statistics:
        'الإحصاء: يجوز احتساب مشاركتك في تقارير المدينة (بشكل مجمّع فقط، ودون ذكر اسمك أبداً).',
      photos: 'الصور: يجوز لنا استخدام صور الفعاليات التي تظهر فيها لأغراض المركز.',
    },
    rights:
      'الموافقة طوعية وصالحة لمدة 12 شهراً. يمكنك سحبها في أي وقت دون أي ضرر، تكفي كلمة للموظفين. بدون موافقة يمكنك المشاركة في جميع الأنشطة بنفس الطريقة، وسيتم احتسابك بشكل مجهول فقط.',
    sign: 'التاريخ، التوقيع أو علامة',
    art13: {
      heading: 'معلومات وفق المادة 13 من اللائحة العامة لحماية البيانات',
      controller: 'الجهة المسؤولة',
      dpo: 'مسؤولة حماية البيانات',
      legalBasis:
        'الغرض والأساس القانوني: الأغراض المحددة أعلاه، بناءً على موافقتك (المادة 6 الفقرة 1 البند أ).',
      recipients: 'من يرى بياناتك',
      storage:
        'مدة الحفظ: نحذف بياناتك بعد {months} شهراً من آخر تواصل. تبقى الإحصاءات المجهولة فقط.',
      source: 'المصدر: البيانات منك أنت، ويسجلها موظفو المركز.',
      yourRights:
        'حقوقك: الاطلاع والتصحيح والحذف وتقييد المعالجة ونقل البيانات والاعتراض (المواد 15–21)، وسحب الموافقة في أي وقت.',
      complaint: 'الشكوى لدى الجهة الرقابية',
      noAutomated: 'لا يوجد أي قرار آلي بشأنك.',
    },
  },
  fa: {
    language: 'دری / فارسی',
    title: 'رضایت به پردازش اطلاعات شما',
    intro:
      'مرکز محله شرکت شما در برنامه‌ها را ثبت می‌کند. ما فقط یک کد، در صورت تمایل نام کوچک یا لقب، زبان‌های شما و تعداد افراد خانوار را ذخیره می‌کنیم. نام خانوادگی، تابعیت، دین و اطلاعات سلامتی ذخیره نمی‌شود.',
    purposes: {
      follow_up_contact:
        'تماس: ما می‌توانیم نام شما را در برنامه‌ها ثبت کنیم و اگر مدتی شما را ندیدیم با شما تماس بگیریم.',
      named_statistics:
        'آمار: شرکت شما می‌تواند در گزارش‌های شهر شمرده شود (فقط به صورت کلی، هرگز با نام).',
      photos:
        'عکس‌ها: ما می‌توانیم از عکس‌های برنامه‌ها که شما در آن‌ها دیده می‌شوید برای مرکز استفاده کنیم.',
    },
    rights:
      'این رضایت داوطلبانه است و ۱۲ ماه اعتبار دارد. شما می‌توانید هر زمان بدون هیچ ضرری آن را پس بگیرید؛ یک کلمه به کارکنان کافی است. بدون رضایت هم می‌توانید از همه برنامه‌ها استفاده کنید؛ فقط به صورت ناشناس شمرده می‌شوید.',
    sign: 'تاریخ، امضا یا علامت',
    art13: {
      heading: 'اطلاعات طبق ماده ۱۳ مقررات عمومی حفاظت از داده‌ها',
      controller: 'مسئول',
      dpo: 'مسئول حفاظت از داده‌ها',
      legalBasis:
        'هدف و مبنای قانونی: اهداف علامت‌خورده در بالا، بر اساس رضایت شما (ماده ۶ بند ۱ الف).',
      recipients: 'چه کسانی اطلاعات شما را می‌بینند',
      storage:
        'مدت نگهداری: اطلاعات شما {months} ماه پس از آخرین تماس پاک می‌شود. فقط شمارش‌های ناشناس باقی می‌ماند.',
      source: 'منبع: اطلاعات از خود شماست و کارکنان مرکز آن را ثبت می‌کنند.',
      yourRights:
        'حقوق شما: دسترسی، اصلاح، حذف، محدودیت پردازش، انتقال داده و اعتراض (مواد ۱۵ تا ۲۱)، و پس گرفتن رضایت در هر زمان.',
      complaint: 'شکایت نزد مرجع نظارتی',
      noAutomated: 'هیچ تصمیم خودکاری درباره شما گرفته نمی‌شود.',
    },
  },
  uk: {
    language: 'Українська',
    title: 'Згода на обробку ваших даних',
    intro:
      'Центр сусідства фіксує вашу участь у заходах. Ми зберігаємо лише код, за бажанням ім’я або псевдонім, мови, якими ви володієте, і кількість членів домогосподарства. Ми не зберігаємо прізвище, громадянство, релігію чи дані про здоров’я.',
    purposes: {
      follow_up_contact:
        'Контакт: ми можемо записувати ваше ім’я на заходах і зв’язатися з вами, якщо довго вас не бачили.',
      named_statistics:
        'Статистика: вашу участь можна враховувати у звітах для міста (лише узагальнено, ніколи з іменем).',
      photos: 'Фото: ми можемо використовувати для центру фотографії із заходів, на яких ви є.',
    },
    rights:
      'Згода є добровільною і діє 12 місяців. Ви можете будь-коли відкликати її без жодних наслідків – достатньо сказати працівникам. Без згоди ви можете так само користуватися всіма пропозиціями; вас лише рахуватимуть анонімно.',
    sign: 'Дата, підпис або знак',
    art13: {
      heading: 'Інформація відповідно до ст. 13 GDPR',
      controller: 'Відповідальна установа',
      dpo: 'Уповноважена з захисту даних',
      legalBasis:
        'Мета і правова підстава: позначені вище цілі, на підставі вашої згоди (ст. 6 ч. 1 п. a GDPR).',
      recipients: 'Хто бачить ваші дані',
      storage:
        'Строк зберігання: ми видаляємо ваші дані через {months} місяців після останнього контакту. Залишаються лише анонімні підрахунки.',
      source: 'Джерело: дані надаєте ви; працівники центру їх вносять.',
      yourRights:
        'Ваші права: доступ, виправлення, видалення, обмеження обробки, перенесення даних і заперечення (ст. 15–21 GDPR), відкликання згоди будь-коли.',
      complaint: 'Скарга до наглядового органу',
      noAutomated: 'Автоматизованих рішень щодо вас не ухвалюється.',
    },
  },
  tr: {
    language: 'Türkçe',
    title: 'Bilgilerinizin işlenmesine onay',
    intro:
      'Mahalle merkezi etkinliklere katılımınızı kaydeder. Yalnızca bir kod, isterseniz bir ad veya takma ad, konuştuğunuz diller ve hanenizdeki kişi sayısı saklanır. Soyadı, vatandaşlık, din veya sağlık bilgisi saklanmaz.',
    purposes: {
      follow_up_contact:
        'İletişim: Sizi etkinliklere adınızla kaydedebilir ve uzun süre görmediğimizde sizinle iletişime geçebiliriz.',
      named_statistics:
        'İstatistik: Katılımınız belediye raporlarında sayılabilir (yalnızca toplu olarak, asla adınızla değil).',
      photos: 'Fotoğraflar: Göründüğünüz etkinlik fotoğraflarını merkez için kullanabiliriz.',
    },
    rights:
      'Onay gönüllüdür ve 12 ay geçerlidir. İstediğiniz zaman hiçbir olumsuzluk yaşamadan geri alabilirsiniz; çalışanlara söylemeniz yeterlidir. Onay vermeden de tüm etkinliklere aynı şekilde katılabilirsiniz; yalnızca anonim olarak sayılırsınız.',
    sign: 'Tarih, imza veya işaret',
    art13: {
      heading: 'GVKY Madde 13 uyarınca bilgilendirme',
      controller: 'Sorumlu kurum',
      dpo: 'Veri koruma görevlisi',
      legalBasis:
        'Amaç ve hukuki dayanak: yukarıda işaretlenen amaçlar, onayınıza dayanarak (GVKY md. 6/1-a).',
      recipients: 'Bilgilerinizi kimler görür',
      storage:
        'Saklama süresi: Bilgilerinizi son görüşmeden {months} ay sonra sileriz. Yalnızca anonim sayımlar kalır.',
      source: 'Kaynak: Bilgiler sizden alınır; merkez çalışanları kaydeder.',
      yourRights:
        'Haklarınız: bilgi alma, düzeltme, silme, işlemeyi kısıtlama, veri taşınabilirliği ve itiraz (md. 15–21), onayı her zaman geri alma.',
      complaint: 'Denetim makamına şikâyet',
      noAutomated: 'Hakkınızda otomatik karar verilmez.',
    },
  },
  ti: {
    language: 'ትግርኛ',
    title: 'ንምስራሕ ሓበሬታኹም ፍቓድ',
    intro:
      'ማእከል ጎረባብቲ ተሳትፎኹም ኣብ መደባት ይምዝግብ። ኮድ ጥራይ፣ እንተደሊኹም ቀዳማይ ስም ወይ ሳጓ፣ ቋንቋታትኩምን ብዝሒ ስድራቤትኩምን ንዕቅብ። ስም ኣቦሓጎ፣ ዜግነት፣ ሃይማኖት ወይ ናይ ጥዕና ሓበሬታ ኣይንዕቅብን።',
    purposes: {
      follow_up_contact: 'ርክብ፡ ስምኩም ኣብ መደባት ክንምዝግብን ንነዊሕ እዋን እንተዘይረኣናኹም ክንረኽበኩምን ንኽእል።',
      named_statistics: 'ስታቲስቲክስ፡ ተሳትፎኹም ኣብ ጸብጻባት ከተማ ክቑጸር ይኽእል (ብሓፈሻ ጥራይ፣ ብስም ፈጺሙ ኣይኮነን)።',
      photos: 'ስእልታት፡ ንስኻትኩም ዘለኹምዎም ስእልታት መደባት ንማእከል ክንጥቀመሉ ንኽእል።',
    },
    rights:
      'እዚ ፍቓድ ብድሌት እዩ፣ ን 12 ኣዋርሕ ይጸንሕ። ኣብ ዝኾነ ግዜ ብዘይ ጉድኣት ክትስሕብዎ ትኽእሉ ኢኹም። ብዘይ ፍቓድ ውን ኩሉ መደባት ክትጥቀሙ ትኽእሉ ኢኹም፣ ብዘይ ስም ጥራይ ክትቁጸሩ ኢኹም።',
    sign: 'ዕለት፣ ፊርማ ወይ ምልክት',
    art13: {
      heading: 'ሓበሬታ ብመሰረት ዓንቀጽ 13 GDPR',
      controller: 'ሓላፊ',
      dpo: 'ሓላፊት ሓለዋ ሓበሬታ',
      legalBasis: 'ዕላማን ሕጋዊ መሰረትን፡ ኣብ ላዕሊ ዝተመልከቱ ዕላማታት፣ ብፍቓድኩም (ዓንቀጽ 6(1)(a))።',
      recipients: 'ሓበሬታኹም መን ይርእዮ',
      storage: 'ግዜ ምዕቃብ፡ ካብ ናይ መወዳእታ ርክብ {months} ኣዋርሕ ድሕሪኡ ሓበሬታኹም ንድምስሶ። ስም ዘይብሎም ቍጽርታት ጥራይ ይተርፉ።',
      source: 'ምንጪ፡ ሓበሬታ ካባኹም እዩ፤ ሰራሕተኛታት ማእከል ይምዝግብዎ።',
      yourRights:
        'መሰላትኩም፡ ሓበሬታ ምሕታት፣ ምእራም፣ ምድምሳስ፣ ምግዳብ፣ ምስግጋር ሓበሬታን ተቓውሞን (ዓንቀጽ 15–21)፣ ፍቓድ ኣብ ዝኾነ ግዜ ምስሓብ።',
      complaint: 'ናብ ተቘጻጻሪ ኣካል ጥርዓን',
      noAutomated: 'ብዛዕባኹም ብኣውቶማቲክ ዝውሰድ ውሳነ የለን።',
    },
  },
  ku: {
    language: 'کوردی (سۆرانی)',
    title: 'ڕەزامەندی بۆ بەکارهێنانی زانیارییەکانت',
    intro:
      'سەنتەری گەڕەک بەشداربوونت لە چالاکییەکان تۆمار دەکات. تەنها کۆدێک، ئەگەر بتەوێت ناوی یەکەم یان نازناوێک، ئەو زمانانەی قسەیان پێ دەکەیت و ژمارەی ئەندامانی خێزانەکەت هەڵدەگرین. ناوی خێزان، ڕەگەزنامە، ئایین یان زانیاری تەندروستی هەڵناگرین.',
    purposes: {
      follow_up_contact:
        'پەیوەندی: دەتوانین ناوت لە چالاکییەکان تۆمار بکەین و ئەگەر ماوەیەکی زۆر نەمانبینیت پەیوەندیت پێوە بکەین.',
      named_statistics:
        'ئامار: بەشداربوونت دەکرێت لە ڕاپۆرتەکانی شارەوانی بژمێردرێت (تەنها بە گشتی، هەرگیز بە ناو نا).',
      photos: 'وێنە: دەتوانین وێنەی چالاکییەکان کە تۆی تێدایت بۆ سەنتەرەکە بەکاربهێنین.',
    },
    rights:
      'ڕەزامەندی خۆبەخشانەیە و ١٢ مانگ دەمێنێتەوە. هەر کاتێک بتەوێت بێ هیچ زیانێک دەتوانیت بیکشێنیتەوە. بێ ڕەزامەندیش دەتوانیت بەشداری هەموو چالاکییەکان بکەیت؛ تەنها بە نەناسراوی دەژمێردرێیت.',
    sign: 'بەروار، واژۆ یان نیشانە',
    art13: {
      heading: 'زانیاری بەپێی مادەی ١٣ی GDPR',
      controller: 'بەرپرسیار',
      dpo: 'بەرپرسی پاراستنی زانیاری',
      legalBasis:
        'مەبەست و بنەمای یاسایی: ئەو مەبەستانەی سەرەوە کە نیشانەیان لێدراوە، لەسەر بنەمای ڕەزامەندیت (مادەی ٦(١)(أ)).',
      recipients: 'کێ زانیارییەکانت دەبینێت',
      storage:
        'ماوەی هەڵگرتن: {months} مانگ دوای دوایین پەیوەندی زانیارییەکانت دەسڕینەوە. تەنها ژماردنی بێناو دەمێنێتەوە.',
      source: 'سەرچاوە: زانیارییەکان لە خۆتەوەن؛ کارمەندانی سەنتەر تۆماری دەکەن.',
      yourRights:
        'مافەکانت: زانین، ڕاستکردنەوە، سڕینەوە، سنووردارکردن، گواستنەوەی زانیاری و ناڕەزایی (مادەکانی ١٥–٢١)، کێشانەوەی ڕەزامەندی لە هەر کاتێکدا.',
      complaint: 'سکاڵا لای دەسەڵاتی چاودێری',
      noAutomated: 'هیچ بڕیارێکی ئۆتۆماتیکی دەربارەی تۆ نادرێت.',
    },
  },
};
